export { inferPolicy, type InferredPolicy } from './infer-policy';
export { type ObservedProject, type ObservedWorkspace, type Reason } from './observed';
export { parseCodeowners, ownersOfFolder, patternCovers, type OwnershipRule } from './codeowners-rules';
