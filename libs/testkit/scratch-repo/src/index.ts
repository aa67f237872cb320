export {
  SCRATCH_IDENTITY,
  scratchRepository,
  type ScratchRepository,
  type ScratchRepositoryOptions,
} from './scratch-repository';
