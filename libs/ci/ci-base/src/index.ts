export { baseVariables, gitOutput, renderBase, resolveBase, type BaseRequest, type ResolvedBase } from './ci-base';
