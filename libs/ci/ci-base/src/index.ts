export { baseVariables, renderBase, resolveBase, type BaseRequest, type ResolvedBase } from './ci-base';
