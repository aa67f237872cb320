export { fileResult, sarifLog, type FileFinding, type SarifDriver, type SarifLevel, type SarifRule } from './sarif';
