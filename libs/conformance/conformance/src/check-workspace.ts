import { PavedError } from '@paved/errors';
import { loadPolicy } from '@paved/policy';
import { Catalog } from '@paved/templates';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyBaseline, createBaseline, parseBaseline } from './baseline';
import { runChecks, rules, severityOf } from './engine';
import { formatReport, isFailing, type Report, type ReportFormat } from './reporters/reporters';
import { diskFiles, modelFromGraph, type FileMapLike, type GraphLike } from './workspace-model';

export const DEFAULT_BASELINE = 'paved-baseline.json';

export interface CheckRequest {
  root: string;
  graph: GraphLike;
  fileMap?: FileMapLike;
  /** Report on these projects only. */
  projects?: readonly string[];
  /** Workspace-relative; defaults to paved-baseline.json when it exists. */
  baselineFile?: string;
  updateBaseline?: boolean;
  format?: ReportFormat;
  color?: boolean;
  /** Template catalog folders, for the default layout of kinds paved.json does not lay out. */
  catalogDirs?: readonly string[];
}

export interface CheckResult {
  report: Report;
  output: string;
  failing: boolean;
}

/** The whole check as the CLI and the Nx executor run it: load, check, baseline, report. */
export function checkWorkspace(request: CheckRequest): CheckResult {
  const started = performance.now();
  const policy = loadPolicy(request.root);
  const unknown = (request.projects ?? []).filter((name) => !request.graph.nodes[name]);
  if (unknown.length > 0) {
    throw new PavedError({
      code: 'PAVED-003',
      message: `unknown project${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      hint: 'list projects with `nx show projects`',
    });
  }
  const catalog = new Catalog([join(request.root, 'generators'), ...(request.catalogDirs ?? [])]);
  const model = modelFromGraph(request.graph, policy, diskFiles(request.root), {
    fileMap: request.fileMap,
    defaultLayout: (kind) => {
      try {
        return catalog.find(kind)?.template.defaultPath;
      } catch {
        return undefined;
      }
    },
  });
  const findings = runChecks(model, { projects: request.projects });
  const baselinePath = join(request.root, request.baselineFile ?? DEFAULT_BASELINE);
  let baselineNote = '';
  if (request.updateBaseline) {
    writeFileSync(baselinePath, `${JSON.stringify(createBaseline(findings), null, 2)}\n`);
    baselineNote = `wrote ${findings.length} accepted finding${findings.length === 1 ? '' : 's'} to ${request.baselineFile ?? DEFAULT_BASELINE}\n`;
  }
  const baseline = readBaseline(baselinePath, request.baselineFile !== undefined);
  const report: Report = {
    verdict: applyBaseline(findings, baseline),
    rulesRun: rules.map((r) => r.id).filter((id) => severityOf(model, id) !== 'off'),
    projectsChecked: request.projects?.length ?? Object.keys(model.projects).length,
    durationMs: Math.round(performance.now() - started),
  };
  const format = request.format ?? 'human';
  return {
    report,
    output: formatReport(report, format, request.color) + (format === 'human' ? baselineNote : ''),
    failing: isFailing(report),
  };
}

function readBaseline(path: string, required: boolean) {
  if (!existsSync(path)) {
    if (required)
      throw new PavedError({
        code: 'PAVED-106',
        file: path,
        message: 'baseline file not found',
        hint: 'create it with --update-baseline',
      });
    return undefined;
  }
  const baseline = parseBaseline(readFileSync(path, 'utf-8'));
  if (!baseline) {
    throw new PavedError({
      code: 'PAVED-107',
      file: path,
      message: 'not a Paved baseline file',
      expected: '{"version": 1, "findings": [...]}',
      hint: 'regenerate it with --update-baseline',
    });
  }
  return baseline;
}
