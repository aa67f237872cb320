import { type Rule } from '../model';
import { configFileOf } from './project-facts';

/** Projects that depend on each other cannot be built, tested or released apart. */
export const noCircularDependencies: Rule = {
  id: 'no-circular-dependencies',
  description: 'Project dependencies form no cycle.',
  run({ model, projects, report }) {
    const edges = new Map<string, Set<string>>();
    for (const { source, target } of model.dependencies) {
      if (source === target || !model.projects[source] || !model.projects[target]) continue;
      if (!edges.has(source)) edges.set(source, new Set());
      edges.get(source)?.add(target);
    }
    for (const component of stronglyConnectedComponents(Object.keys(model.projects).sort(), edges)) {
      if (component.length < 2) continue;
      const cycle = [...component].sort();
      const path = shortestCycle(cycle[0], new Set(cycle), edges);
      for (const name of cycle.filter((n) => projects.has(n))) {
        report({
          project: name,
          file: configFileOf(model.projects[name], model),
          key: `${name} in ${cycle.join(',')}`,
          message: `"${name}" is part of a dependency cycle: ${path.join(' -> ')}`,
          hint: 'break the cycle: move what both need into a third project, or invert one dependency',
        });
      }
    }
  },
};

/** Tarjan's algorithm, iterative so a deep graph cannot overflow the stack. */
export function stronglyConnectedComponents(nodes: string[], edges: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; next: Iterator<string> }[] = [];
    const visit = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter += 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: (edges.get(node) ?? new Set<string>()).values() });
    };
    visit(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const step = frame.next.next();
      if (!step.done) {
        const target = step.value;
        if (!index.has(target)) visit(target);
        else if (onStack.has(target))
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(target) as number));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent) as number, low.get(frame.node) as number));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

/** A shortest path from `start` back to itself inside the component, for the message. */
function shortestCycle(start: string, component: Set<string>, edges: Map<string, Set<string>>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const next of edges.get(node) ?? []) {
      if (!component.has(next)) continue;
      if (next === start) {
        const chain: string[] = [];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = previous.get(at))
          chain.unshift(at);
        return [start, ...chain, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}
