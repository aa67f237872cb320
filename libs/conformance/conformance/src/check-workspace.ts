import { PavedError } from '@paved/errors';
import { loadPolicy, type Policy } from '@paved/policy';
import { Catalog } from '@paved/templates';
import { readBaseline, updateBaseline } from '@paved/scanner';
import { join } from 'node:path';
import {
  applyBaseline,
  baselineEntryOf,
  baselineLocation,
  coveredBy,
  DEFAULT_BASELINE,
  type BaselineEntry,
  type BaselineFile,
  type BaselineScope,
} from './baseline';
import { checkScope, runChecks, rules, severityOf } from './engine';
import { type Finding, type WorkspaceModel } from './model';
import { formatReport, isFailing, type Report, type ReportFormat } from './reporters/reporters';
import { diskFiles, modelFromGraph, type FileMapSource, type GraphLike } from './workspace-model';

export interface CheckRequest {
  root: string;
  graph: GraphLike;
  /** Nx's file map, or how to read it: read only when a boundary finding needs the importing file. */
  fileMap?: FileMapSource;
  /** Report on these projects only. */
  projects?: readonly string[];
  /** Workspace-relative; defaults to paved-baseline.json when it exists. */
  baselineFile?: string;
  updateBaseline?: boolean;
  format?: ReportFormat;
  color?: boolean;
  /** Template catalog folders, for the default layout of kinds paved.json does not lay out. */
  catalogDirs?: readonly string[];
  /** paved.json already loaded by the caller (the CLI validates it before Nx builds the graph). */
  policy?: Policy;
}

export interface CheckResult {
  report: Report;
  output: string;
  failing: boolean;
}

/** The whole check as the CLI and the Nx executor run it: load, check, baseline, report. */
export function checkWorkspace(request: CheckRequest): CheckResult {
  const started = performance.now();
  const model = loadModel(request);
  const findings = runChecks(model, { projects: request.projects });
  const scope = request.projects ? checkScope(model, request.projects) : undefined;
  const location = baselineLocation(request.root, request.baselineFile);
  let baselineNote = '';
  if (request.updateBaseline) {
    // A partial run keeps the other projects' entries.
    const updated = updateBaseline(location, findings, baselineEntryOf, scope && coveredBy(scope));
    const kept = updated.findings.length - new Set(findings.map((f) => f.fingerprint)).size;
    baselineNote =
      `wrote ${findings.length} accepted finding${findings.length === 1 ? '' : 's'} to ${request.baselineFile ?? DEFAULT_BASELINE}` +
      `${kept > 0 ? ` (kept ${kept} entr${kept === 1 ? 'y' : 'ies'} of projects not checked)` : ''}\n`;
  }
  const baseline = readBaseline<BaselineEntry>(location, { required: request.baselineFile !== undefined });
  return reportOn(model, findings, baseline, scope, request, {
    projectsChecked: request.projects?.length ?? Object.keys(model.projects).length,
    durationMs: Math.round(performance.now() - started),
    note: baselineNote,
  });
}

/**
 * One report per project, from one model and one run of the rules: what Nx's batch mode
 * hands a single process for `nx run-many -t check`. Each project's report is exactly what
 * `checkWorkspace` with `projects: [that one]` gives, baseline verdict included.
 */
export function checkEachProject(
  request: Omit<CheckRequest, 'projects' | 'updateBaseline'> & { projects: readonly string[] },
): Map<string, CheckResult> {
  const model = loadModel(request);
  const findings = runChecks(model, { projects: request.projects });
  const baseline = readBaseline<BaselineEntry>(baselineLocation(request.root, request.baselineFile), {
    required: request.baselineFile !== undefined,
  });
  const results = new Map<string, CheckResult>();
  for (const project of request.projects) {
    const scope = checkScope(model, [project]);
    const own = findings.filter((f) => (f.project === undefined ? scope.workspaceLevel : f.project === project));
    results.set(project, reportOn(model, own, baseline, scope, request, { projectsChecked: 1 }));
  }
  return results;
}

function loadModel(request: Pick<CheckRequest, 'root' | 'graph' | 'fileMap' | 'projects' | 'catalogDirs' | 'policy'>) {
  const policy = request.policy ?? loadPolicy(request.root);
  const unknown = (request.projects ?? []).filter((name) => !request.graph.nodes[name]);
  if (unknown.length > 0) {
    throw new PavedError({
      code: 'PAVED-003',
      message: `unknown project${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      hint: 'list projects with `nx show projects`',
    });
  }
  const catalog = new Catalog([join(request.root, 'generators'), ...(request.catalogDirs ?? [])]);
  return modelFromGraph(request.graph, policy, diskFiles(request.root), {
    fileMap: request.fileMap,
    defaultLayout: (kind) => {
      try {
        return catalog.find(kind)?.template.defaultPath;
      } catch {
        return undefined;
      }
    },
  });
}

function reportOn(
  model: WorkspaceModel,
  findings: readonly Finding[],
  baseline: BaselineFile | undefined,
  scope: BaselineScope | undefined,
  request: Pick<CheckRequest, 'format' | 'color'>,
  facts: { projectsChecked: number; durationMs?: number; note?: string },
): CheckResult {
  const report: Report = {
    verdict: applyBaseline(findings, baseline, scope),
    rulesRun: rules.map((r) => r.id).filter((id) => severityOf(model, id) !== 'off'),
    projectsChecked: facts.projectsChecked,
    ...(facts.durationMs === undefined ? {} : { durationMs: facts.durationMs }),
  };
  const format = request.format ?? 'human';
  return {
    report,
    output: formatReport(report, format, request.color) + (format === 'human' ? (facts.note ?? '') : ''),
    failing: isFailing(report),
  };
}
