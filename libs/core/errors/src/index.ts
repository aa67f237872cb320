export { errorCodes, isErrorCode, type ErrorCode } from './codes';
export { formatProblem, type Problem } from './problem';
export { PavedError, isPavedError, throwIfProblems } from './paved-error';
