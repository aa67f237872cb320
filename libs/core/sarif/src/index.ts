export {
  combineSarifLogs,
  fileResult,
  sarifLog,
  type FileFinding,
  type SarifDriver,
  type SarifLevel,
  type SarifLog,
  type SarifRule,
} from './sarif';
