export {
  codeQualityReport,
  combineSarifLogs,
  fileResult,
  sarifLog,
  type CodeQualityIssue,
  type FileFinding,
  type SarifDriver,
  type SarifLevel,
  type SarifLog,
  type SarifRule,
} from './sarif';
