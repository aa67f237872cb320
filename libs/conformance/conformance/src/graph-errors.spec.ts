import { PavedError } from '@paved/errors';
import { AggregateCreateNodesError, MergeNodesError, ProjectGraphError } from 'nx/src/project-graph/error-types';
import { describe, expect, it } from 'vitest';
import { projectGraphProblems } from './graph-errors';

const emptyGraph = { nodes: {}, dependencies: {} };
const refusal = new PavedError([
  {
    code: 'PAVED-105',
    file: 'paved.json',
    keyPath: 'rules.no-lodash',
    message: 'unknown conformance rule "no-lodash"',
  },
  { code: 'PAVED-103', file: 'paved.json', keyPath: 'types.app.canDependOn[0]', message: 'unknown type "feature"' },
]);
/** As Nx passes on an error from a plugin worker: its message, not the PavedError. */
const fromWorker = (error: Error) => Object.assign(new Error(error.message), { name: error.name });

describe('projectGraphProblems', () => {
  it('keeps the PAVED-### lines Paved`s plugins raised, once each, whichever plugin reported them', () => {
    const error = new ProjectGraphError(
      [
        new AggregateCreateNodesError([['eslint.config.ts', fromWorker(refusal)]], []),
        new AggregateCreateNodesError([['nx.json', fromWorker(refusal)]], []),
      ],
      emptyGraph,
      null,
    );
    expect(new PavedError(projectGraphProblems(error)).message).toBe(refusal.message);
  });

  it('names any other failure PAVED-006, with the plugin and file Nx names', () => {
    const error = new ProjectGraphError(
      [
        new MergeNodesError({
          file: 'libs/shop/cart/project.json',
          pluginName: 'nx/core/project-json',
          error: new Error('Unexpected token } in JSON at position 12'),
        }),
      ],
      emptyGraph,
      null,
    );
    const [problem, ...rest] = projectGraphProblems(error);
    expect(rest).toEqual([]);
    expect(problem.code).toBe('PAVED-006');
    expect(problem.message).toContain('Nx could not build the project graph: ');
    expect(problem.message).toContain('libs/shop/cart/project.json');
    expect(problem.message).toContain('nx/core/project-json');
  });

  it('reads an error that is not Nx`s graph error as one failure', () => {
    expect(projectGraphProblems(new Error('daemon went away'))).toEqual([
      expect.objectContaining({ code: 'PAVED-006', message: 'Nx could not build the project graph: daemon went away' }),
    ]);
  });
});
