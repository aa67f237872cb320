export {
  MAX_MANIFEST_BYTES,
  readRegularFile,
  readRegularText,
  type RegularFileRead,
  type RefusalCause,
} from './read-regular-file';
