import { type ConformanceRuleId } from '@paved/policy';

/** The controls each rule produces evidence for, by framework. */
export const ruleControls: Record<
  ConformanceRuleId,
  { soc2: string[]; iso27001: string[]; ssdf: string[]; why: string }
> = {
  'module-boundaries': {
    soc2: ['CC8.1'],
    iso27001: ['A.8.25', 'A.8.27'],
    ssdf: ['PW.1.1', 'PW.4.4'],
    why: 'Architecture rules are enforced on every change, not only described.',
  },
  'no-circular-dependencies': {
    soc2: ['CC8.1'],
    iso27001: ['A.8.27'],
    ssdf: ['PW.1.1'],
    why: 'Components stay separable, so a change has a bounded, reviewable blast radius.',
  },
  'project-layout': {
    soc2: ['CC8.1'],
    iso27001: ['A.8.25', 'A.8.32'],
    ssdf: ['PO.3.2'],
    why: 'Projects are created through a controlled, templated path.',
  },
  'required-tags': {
    soc2: ['CC6.1', 'CC8.1'],
    iso27001: ['A.5.9', 'A.8.25'],
    ssdf: ['PO.3.2'],
    why: 'Every component is classified (inventory of assets).',
  },
  'owners-present': {
    soc2: ['CC1.3', 'CC6.1'],
    iso27001: ['A.5.9', 'A.5.2'],
    ssdf: ['PO.2.1'],
    why: 'Every component has an accountable owner who reviews its changes.',
  },
  'required-files': {
    soc2: ['CC8.1'],
    iso27001: ['A.8.29', 'A.5.37'],
    ssdf: ['PW.8.2'],
    why: 'Every component is documented and tested.',
  },
  'banned-dependencies': {
    soc2: ['CC6.8', 'CC7.1'],
    iso27001: ['A.8.28', 'A.5.19'],
    ssdf: ['PW.4.1', 'PO.1.3'],
    why: 'Third-party components are restricted to approved ones.',
  },
  'toolchain-pins': {
    soc2: ['CC8.1'],
    iso27001: ['A.8.32', 'A.8.9'],
    ssdf: ['PO.3.2', 'PW.6.1'],
    why: 'Builds use a pinned, consistent toolchain (configuration management).',
  },
};
