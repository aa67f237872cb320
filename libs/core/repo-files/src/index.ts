export {
  MAX_MANIFEST_BYTES,
  readRegularFile,
  readRegularText,
  readRegularTextOr,
  type RegularFileRead,
  type RefusalCause,
  type UnreadFile,
} from './read-regular-file';
