import { createHash, randomBytes, randomInt } from 'node:crypto';
import { isPlaceholder } from '../placeholders';
import { crc32, toBase62 } from '../vendor-infra';
import { alphabets, randomFrom, type SecretSample } from './sample-kit';

/**
 * Infrastructure and developer-platform credentials, planted the ways third-party code carries
 * them: .env lines, shell `export`, YAML, JSON, code strings, Authorization headers, URLs and bare
 * lines. Each positive is drawn fresh in its vendor's documented format; the look-alikes are what
 * documentation and tests write instead (placeholders, sequential alphabets, AWS's EXAMPLE keys,
 * public ids under a vendor's name, shapes without the context that makes them secrets).
 */

const { upper, lower, digits, hexLower, upperBase32, alphanumeric, base64, base64url } = alphabets;
const base32Lower = 'abcdefghijklmnopqrstuvwxyz234567';
const lowerAlphanumeric = lower + digits;
const azureSecretChars = `${alphanumeric}_~.-`;

/**
 * `length` random characters that are a fair positive: one that happens to spell a placeholder
 * word (`fake`, `xxxx`) or lacks a class the format always shows is drawn again.
 */
function body(alphabet: string, length: number, ...mustHave: RegExp[]): string {
  for (;;) {
    const value = randomFrom(alphabet, length);
    if (!isPlaceholder(value.slice(0, 64)) && mustHave.every((pattern) => pattern.test(value))) return value;
  }
}

const uuid = () => {
  const hex = body(hexLower, 32, /\d/, /[a-f]/);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
};

/** GitHub's and npm's format: 30 random base62 characters and their CRC-32 in 6 base62 digits. */
const checksummedBody = () => {
  const random = body(alphanumeric, 30, /\d/, /[A-Z]/, /[a-z]/);
  return random + toBase62(crc32(random), 6);
};

const oneOf = (choices: readonly string[]) => choices[randomInt(choices.length)];

const camel = (name: string) => name.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The ways a credential is written down; `name` is what the surrounding code calls it. */
const plantings = {
  env: (name: string, token: string) => ({
    file: 'deploy/.env',
    text: `# service\n${name}=${token}\nLOG_LEVEL=info\n`,
  }),
  shell: (name: string, token: string) => ({
    file: 'scripts/release.sh',
    text: `#!/bin/sh\nset -eu\nexport ${name}="${token}"\n./bin/release --prod\n`,
  }),
  yaml: (name: string, token: string) => ({
    file: '.github/workflows/deploy.yml',
    text: `jobs:\n  deploy:\n    env:\n      ${name}: ${token}\n    steps:\n      - run: make deploy\n`,
  }),
  json: (name: string, token: string) => ({
    file: 'config/settings.json',
    text: `{\n  "region": "eu-west-1",\n  "${camel(name)}": "${token}"\n}\n`,
  }),
  code: (name: string, token: string) => ({
    file: 'src/client.ts',
    text: `import { connect } from './net';\n\nconst ${camel(name)} = '${token}';\nexport const client = connect(${camel(name)});\n`,
  }),
  header: (_name: string, token: string) => ({
    file: 'docs/api.md',
    text: `Call it:\n\n    curl -H "Authorization: Bearer ${token}" https://api.service.test/v1/me\n`,
  }),
  url: (_name: string, token: string) => ({
    file: 'ci/hooks.txt',
    text: `POST https://hooks.service.test/trigger?token=${token}&ref=main\n`,
  }),
  bare: (_name: string, token: string) => ({
    file: 'notes/handover.txt',
    text: `the token for the release bot:\n${token}\n`,
  }),
} as const;
type Planting = keyof typeof plantings;

const named: Planting[] = ['env', 'shell', 'yaml', 'json', 'code'];
const anywhere: Planting[] = ['env', 'yaml', 'header', 'bare'];

interface Kind {
  kind: string;
  vendor: string;
  /** What code names it (`DD_API_KEY`); prefixed tokens are planted under a neutral name. */
  name: string;
  token(): string;
  in: Planting[];
  /** Look-alikes of this kind, planted under the same name. */
  lookAlikes?: string[];
}

const kinds: Kind[] = [
  // AWS
  {
    kind: 'aws-access-key-id',
    vendor: 'AWS',
    name: 'AWS_ACCESS_KEY_ID',
    token: () => `${oneOf(['AKIA', 'ASIA', 'AROA', 'AIDA'])}${body(upperBase32, 16, /\d/)}`,
    in: ['env', 'json', 'code', 'bare'],
    lookAlikes: ['AKIAIOSFODNN7EXAMPLE', 'AKIAXXXXXXXXXXXXXXXX', 'AKIA0000000000000000', 'AKIAABCDEFGHIJKLMNOP'],
  },
  {
    kind: 'aws-secret-access-key',
    vendor: 'AWS',
    name: 'AWS_SECRET_ACCESS_KEY',
    token: () => body(base64, 40, /\d/, /[A-Z]/, /[a-z]/),
    in: named,
    lookAlikes: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'x'.repeat(40)],
  },
  {
    kind: 'aws-session-token',
    vendor: 'AWS',
    name: 'AWS_SESSION_TOKEN',
    token: () => `IQoJb3JpZ2luX2Vj${body(base64, 360)}`,
    in: ['env', 'yaml', 'bare'],
  },
  {
    kind: 'aws-bedrock-api-key',
    vendor: 'AWS',
    name: 'AWS_BEARER_TOKEN_BEDROCK',
    token: () =>
      `ABSK${Buffer.from(`BedrockAPIKey-${body(alphanumeric, 8)}-at-${randomFrom(digits, 12)}:${body(base64, 64)}`).toString('base64')}`,
    in: ['env', 'yaml', 'bare'],
    lookAlikes: [`ABSKQmVkcm9ja0FQSUtleS1${'x'.repeat(110)}`],
  },
  // Azure
  {
    kind: 'azure-ad-client-secret',
    vendor: 'Azure',
    name: 'AZURE_CLIENT_SECRET',
    token: () =>
      `${body(alphanumeric, 3)}${randomFrom(digits, 1)}Q~${body(azureSecretChars, 34, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
    in: ['env', 'json', 'code', 'bare'],
  },
  {
    kind: 'azure-devops-pat',
    vendor: 'Azure',
    name: 'AZURE_DEVOPS_PAT',
    token: () => body(base32Lower, 52, /[2-7]/),
    in: named,
    lookAlikes: ['a'.repeat(52)],
  },
  {
    kind: 'azure-devops-pat',
    vendor: 'Azure',
    name: 'ADO_TOKEN',
    token: () => `${body(alphanumeric, 52)}JQQJ99${body(alphanumeric, 18)}AZDO${body(alphanumeric, 4)}`,
    in: anywhere,
  },
  {
    kind: 'azure-identifiable-key',
    vendor: 'Azure',
    name: 'STORAGE_PRIMARY',
    token: () => `${body(base64, 76)}+ASt${body(base64, 5)}${randomFrom('AQgw', 1)}==`,
    in: ['json', 'bare'],
  },
  {
    kind: 'azure-identifiable-key',
    vendor: 'Azure',
    name: 'COSMOS_PRIMARY',
    token: () => `${body(base64, 76)}ACDb${body(base64, 5)}${randomFrom('AQgw', 1)}==`,
    in: ['yaml'],
  },
  {
    kind: 'azure-container-registry-key',
    vendor: 'Azure',
    name: 'ACR_PASSWORD',
    token: () => `${body(base64, 42)}+ACR${body(alphanumeric, 6)}`,
    in: ['env', 'shell'],
  },
  {
    kind: 'azure-storage-account-key',
    vendor: 'Azure',
    name: 'COSMOS_PRIMARY_KEY',
    token: () => `${body(base64, 86)}==`,
    in: ['env', 'json'],
  },
  {
    kind: 'azure-annotated-key',
    vendor: 'Azure',
    name: 'AZURE_OPENAI_API_KEY',
    token: () => `${body(alphanumeric, 52)}JQQJ99${body(alphanumeric, 2)}ACOG${body(alphanumeric, 20)}`,
    in: ['env', 'header', 'bare'],
  },
  // GCP
  {
    kind: 'google-api-key',
    vendor: 'GCP',
    name: 'MAPS_KEY',
    token: () => `AIzaSy${body(base64url, 33)}`,
    in: ['json', 'code', 'url', 'bare'],
    lookAlikes: [
      'AIzaSyabcdefghijklmnopqrstuvwxyz1234567',
      'AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'AIzaSyDUMMY_KEY_FOR_TESTS_ONLY_12345678',
    ],
  },
  {
    kind: 'google-oauth-client-secret',
    vendor: 'GCP',
    name: 'GOOGLE_CLIENT_SECRET',
    token: () => `GOCSPX-${body(base64url, 28)}`,
    in: ['env', 'json'],
    lookAlikes: ['GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  },
  {
    kind: 'firebase-cloud-messaging-server-key',
    vendor: 'GCP',
    name: 'FCM_SERVER_KEY',
    token: () => `AAAA${body(base64url, 7)}:APA91b${body(base64url, 134, /[A-Za-z0-9]$/)}`,
    in: ['env', 'json', 'bare'],
    lookAlikes: [`AAAAxxxxxxx:APA91b${'x'.repeat(134)}`],
  },
  {
    kind: 'google-oauth-access-token',
    vendor: 'GCP',
    name: 'GOOGLE_ACCESS_TOKEN',
    token: () => `ya29.a0${body(base64url, 150, /[A-Za-z0-9]$/)}`,
    in: ['header', 'env'],
  },
  // forges and registries
  {
    kind: 'github-token',
    vendor: 'GitHub',
    name: 'GH_TOKEN',
    token: () => `${oneOf(['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'])}${checksummedBody()}`,
    in: ['env', 'shell', 'header', 'url', 'bare'],
    lookAlikes: [
      `ghp_${'x'.repeat(36)}`,
      `ghp_${'X'.repeat(36)}`,
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
      `ghs_${'0'.repeat(36)}`,
    ],
  },
  {
    kind: 'github-fine-grained-pat',
    vendor: 'GitHub',
    name: 'GITHUB_TOKEN',
    token: () => `github_pat_${body(alphanumeric, 22)}_${body(alphanumeric, 59)}`,
    in: ['yaml', 'header'],
    lookAlikes: [`github_pat_${'x'.repeat(22)}_${'x'.repeat(59)}`],
  },
  {
    kind: 'gitlab-token',
    vendor: 'GitLab',
    name: 'GITLAB_TOKEN',
    // Each type at the length GitLab generates it: 20 (Devise's friendly_token), trigger tokens 40, incoming-mail tokens 25.
    token: () => {
      const types = [
        ['glpat-', 20],
        ['gldt-', 20],
        ['glrt-', 20],
        ['glsoat-', 20],
        ['glft-', 20],
        ['glptt-', 40],
        ['glimt-', 25],
      ] as const;
      const [prefix, length] = types[randomInt(types.length)];
      return `${prefix}${body(base64url, length, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`;
    },
    in: ['env', 'yaml', 'header', 'url', 'code'],
    lookAlikes: [
      // A trigger token and an incoming-mail token of another type's length are not GitLab's.
      `glptt-${body(base64url, 20, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
      `glimt-${body(base64url, 23, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
      `glpat-${'X'.repeat(20)}`,
      `glpat-${'x'.repeat(20)}`,
      'glpat-abcdefghijklmnopqrst',
      'glpat-<your_access_token>',
    ],
  },
  {
    kind: 'github-token',
    vendor: 'GitHub',
    name: 'GITHUB_TOKEN',
    token: () => body(hexLower, 40, /\d/, /[a-f]/),
    in: ['env', 'yaml', 'code'],
  },
  {
    kind: 'gitlab-token',
    vendor: 'GitLab',
    name: 'GITLAB_PRIVATE_TOKEN',
    token: () => body(base64url, 20, /\d/, /[A-Z]/, /[a-z]/, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/),
    in: ['env', 'json'],
  },
  {
    kind: 'atlassian-data-center-pat',
    vendor: 'Atlassian',
    name: 'JIRA_PAT',
    token: () => Buffer.concat([Buffer.from(`${body(digits, 12, /^[1-9]/)}:`), randomBytes(20)]).toString('base64'),
    in: ['env', 'yaml'],
  },
  {
    kind: 'bitbucket-data-center-token',
    vendor: 'Atlassian',
    name: 'BITBUCKET_TOKEN',
    token: () =>
      `BBDC-${Buffer.concat([Buffer.from(`${body(digits, 12, /^[1-9]/)}:`), randomBytes(20)]).toString('base64')}`,
    in: ['env', 'yaml', 'bare'],
    // Filler, and 44 base64 characters that are no `<id>:<random>`.
    lookAlikes: [`BBDC-${'A'.repeat(44)}`, `BBDC-${'1'.repeat(44)}`, `BBDC-${'Zm9v'.repeat(11)}`],
  },
  {
    kind: 'azure-apim-repository-key',
    vendor: 'Azure',
    name: 'APIM_GIT_PASSWORD',
    token: () => `git&${body(digits, 12, /^20/)}&${body(base64, 86)}==`,
    in: ['env', 'yaml'],
  },
  {
    kind: 'npm-token',
    vendor: 'npm',
    name: 'NPM_TOKEN',
    token: uuid,
    in: ['env', 'yaml'],
  },
  {
    kind: 'aws-mws-auth-token',
    vendor: 'AWS',
    name: 'MWS_AUTH_TOKEN',
    token: () => `amzn.mws.${uuid()}`,
    in: ['env', 'json'],
  },
  {
    kind: 'gitlab-token',
    vendor: 'GitLab',
    name: 'CI_RUNNER_TOKEN',
    token: () => `GR1348941${body(base64url, 20, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
    in: ['shell'],
  },
  {
    kind: 'gitlab-token',
    vendor: 'GitLab',
    name: 'GITLAB_TOKEN',
    token: () => `glpat-${body(base64url, 36, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}.01.${body(lower + digits, 9)}`,
    in: ['env', 'header'],
  },
  {
    kind: 'bitbucket-client-secret',
    vendor: 'Bitbucket',
    name: 'BITBUCKET_CLIENT_SECRET',
    token: () => body(alphanumeric, 32, /\d/, /[A-Za-z]/),
    in: ['env', 'yaml'],
  },
  {
    kind: 'bitbucket-app-password',
    vendor: 'Bitbucket',
    name: 'BITBUCKET_APP_PASSWORD',
    token: () => `ATBB${body(alphanumeric, 32)}`,
    in: ['env', 'json'],
    lookAlikes: [`ATBB${'x'.repeat(32)}`],
  },
  {
    kind: 'atlassian-api-token',
    vendor: 'Atlassian',
    name: 'JIRA_API_TOKEN',
    token: () => `ATATT3xFfGF0${body(base64url, 171, /^[A-Za-z0-9]/)}=${body(hexLower.toUpperCase(), 8)}`,
    in: ['env', 'header'],
  },
  {
    kind: 'npm-token',
    vendor: 'npm',
    name: 'NPM_TOKEN',
    token: () => `npm_${checksummedBody()}`,
    in: ['env', 'shell', 'bare'],
    lookAlikes: [`npm_${'x'.repeat(36)}`, 'npm_abcdefghijklmnopqrstuvwxyz0123456789'],
  },
  {
    kind: 'pypi-token',
    vendor: 'PyPI',
    name: 'TWINE_PASSWORD',
    token: () => `pypi-AgEIcHlwaS5vcmc${body(base64url, 140, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
    in: ['env', 'yaml', 'bare'],
    lookAlikes: [`pypi-AgEIcHlwaS5vcmc${'x'.repeat(80)}`],
  },
  {
    kind: 'rubygems-api-key',
    vendor: 'RubyGems',
    name: 'GEM_HOST_API_KEY',
    token: () => `rubygems_${body(hexLower, 48)}`,
    in: ['env', 'yaml'],
    lookAlikes: [`rubygems_${'0'.repeat(48)}`],
  },
  {
    kind: 'crates-io-token',
    vendor: 'crates.io',
    name: 'CARGO_REGISTRY_TOKEN',
    token: () => `cio${body(alphanumeric, 32, /\d/, /[A-Z]/, /[a-z]/)}`,
    in: ['env', 'shell'],
    lookAlikes: [`cio${'X'.repeat(32)}`],
  },
  {
    kind: 'nuget-api-key',
    vendor: 'NuGet',
    name: 'NUGET_API_KEY',
    token: () => `oy2${body(lowerAlphanumeric, 43, /\d/, /[a-z]/)}`,
    in: ['env', 'shell', 'yaml'],
    lookAlikes: [`oy2${'a'.repeat(43)}`],
  },
  {
    kind: 'docker-hub-token',
    vendor: 'Docker',
    name: 'DOCKERHUB_TOKEN',
    token: () => `dckr_pat_${body(base64url, 27, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
    in: ['env', 'shell', 'yaml'],
    lookAlikes: [`dckr_pat_${'x'.repeat(27)}`],
  },
  {
    kind: 'jfrog-token',
    vendor: 'JFrog',
    name: 'ARTIFACTORY_API_KEY',
    token: () => `AKCp${body(alphanumeric, 69)}`,
    in: ['env', 'json'],
  },
  {
    kind: 'jfrog-token',
    vendor: 'JFrog',
    name: 'JFROG_ACCESS_TOKEN',
    token: () => `cmVmdGtuOjAxOj${body(alphanumeric, 50)}`,
    in: ['header'],
  },
  {
    kind: 'jfrog-token',
    vendor: 'JFrog',
    name: 'ARTIFACTORY_API_KEY',
    token: () => body(alphanumeric, 73, /\d/, /[A-Za-z]/),
    in: ['env', 'json'],
  },
  // hosting and platforms
  {
    kind: 'flyio-token',
    vendor: 'Fly.io',
    name: 'FLY_API_TOKEN',
    token: () => `fm2_${body(base64, 300, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
    in: ['env', 'yaml'],
  },
  {
    kind: 'flyio-token',
    vendor: 'Fly.io',
    name: 'FLY_ACCESS_TOKEN',
    token: () => `fo1_${body(base64url, 43, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
    in: ['shell', 'bare'],
  },
  {
    kind: 'heroku-api-key',
    vendor: 'Heroku',
    name: 'HEROKU_API_KEY',
    token: () => `HRKU-AA${body(base64url, 58, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
    in: ['env', 'header', 'bare'],
  },
  {
    kind: 'heroku-api-key',
    vendor: 'Heroku',
    name: 'HEROKU_API_KEY',
    token: uuid,
    in: named,
    lookAlikes: ['12345678-1234-1234-1234-123456789012', '00000000-0000-0000-0000-000000000000'],
  },
  {
    kind: 'digitalocean-token',
    vendor: 'DigitalOcean',
    name: 'DIGITALOCEAN_ACCESS_TOKEN',
    token: () => `${oneOf(['dop_v1_', 'doo_v1_', 'dor_v1_'])}${body(hexLower, 64)}`,
    in: ['env', 'header', 'json', 'bare'],
    lookAlikes: [`dop_v1_${'0'.repeat(64)}`, `dop_v1_${'0123456789abcdef'.repeat(4)}`],
  },
  {
    kind: 'scalingo-api-token',
    vendor: 'Scalingo',
    name: 'SCALINGO_API_TOKEN',
    token: () => `tk-us-${body(base64url, 48, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
    in: ['env', 'bare'],
  },
  {
    kind: 'pulumi-access-token',
    vendor: 'Pulumi',
    name: 'PULUMI_ACCESS_TOKEN',
    token: () => `pul-${body(hexLower, 40)}`,
    in: ['env', 'yaml'],
    lookAlikes: [`pul-${'x'.repeat(40)}`],
  },
  {
    kind: 'netlify-token',
    vendor: 'Netlify',
    name: 'NETLIFY_AUTH_TOKEN',
    token: () => `nfp_${body(alphanumeric, 36)}`,
    in: ['env', 'bare'],
  },
  {
    kind: 'netlify-token',
    vendor: 'Netlify',
    name: 'NETLIFY_AUTH_TOKEN',
    token: () => body(base64url, 43, /\d/, /[A-Za-z]/, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/),
    in: ['yaml', 'shell'],
  },
  {
    kind: 'vercel-token',
    vendor: 'Vercel',
    name: 'VERCEL_TOKEN',
    token: () => body(alphanumeric, 24, /\d/, /[A-Za-z]/),
    in: named,
    lookAlikes: ['abcdefghijklmnopqrstuvwx', 'your_vercel_token_here12'],
  },
  {
    kind: 'render-api-key',
    vendor: 'Render',
    name: 'RENDER_API_KEY',
    token: () => `rnd_${body(alphanumeric, 32)}`,
    in: ['env', 'header'],
  },
  {
    kind: 'alibaba-access-key-id',
    vendor: 'Alibaba Cloud',
    name: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    token: () => `LTAI${body(alphanumeric, 20, /\d/, /[A-Za-z]/)}`,
    in: ['env', 'json', 'bare'],
    lookAlikes: ['LTAIXXXXXXXXXXXXXXXX'],
  },
  {
    kind: 'alibaba-access-key-secret',
    vendor: 'Alibaba Cloud',
    name: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    token: () => body(alphanumeric, 30, /\d/, /[A-Za-z]/),
    in: ['env', 'yaml', 'code'],
  },
  {
    kind: 'tencent-secret-id',
    vendor: 'Tencent Cloud',
    name: 'TENCENTCLOUD_SECRET_ID',
    token: () => `AKID${body(alphanumeric, 32, /\d/, /[A-Za-z]/)}`,
    in: ['env', 'code'],
  },
  {
    kind: 'tencent-secret-key',
    vendor: 'Tencent Cloud',
    name: 'TENCENTCLOUD_SECRET_KEY',
    token: () => body(alphanumeric, 32, /\d/, /[A-Za-z]/),
    in: ['env', 'json'],
  },
  {
    kind: 'cloudflare-origin-ca-key',
    vendor: 'Cloudflare',
    name: 'CF_ORIGIN_CA_KEY',
    token: () => `v1.0-${body(hexLower, 24)}-${body(hexLower, 146)}`,
    in: ['env', 'bare'],
  },
  {
    kind: 'cloudflare-api-token',
    vendor: 'Cloudflare',
    name: 'CLOUDFLARE_API_TOKEN',
    token: () => body(base64url, 40, /\d/, /[A-Za-z]/, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/),
    in: named,
    lookAlikes: ['x'.repeat(40)],
  },
  {
    kind: 'cloudflare-api-token',
    vendor: 'Cloudflare',
    name: 'CLOUDFLARE_API_TOKEN',
    token: () => {
      const random = body(alphanumeric, 40);
      return `${oneOf(['cfut_', 'cfat_', 'cfk_'])}${random}${crc32(random).toString(16).padStart(8, '0')}`;
    },
    in: ['env', 'header', 'bare'],
    lookAlikes: [`cfut_${'x'.repeat(40)}00000000`],
  },
  {
    kind: 'vercel-token',
    vendor: 'Vercel',
    name: 'VERCEL_TOKEN',
    token: () => `${oneOf(['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'])}${body(alphanumeric, 48)}`,
    in: ['env', 'bare'],
  },
  {
    kind: 'planetscale-token',
    vendor: 'PlanetScale',
    name: 'PLANETSCALE_SERVICE_TOKEN',
    token: () =>
      `${oneOf(['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_'])}${body(base64url, 43, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
    in: ['env', 'bare'],
  },
  {
    kind: 'hetzner-cloud-token',
    vendor: 'Hetzner',
    name: 'HCLOUD_TOKEN',
    token: () => body(alphanumeric, 64, /\d/, /[A-Za-z]/),
    in: ['env', 'shell'],
  },
  {
    kind: 'linode-token',
    vendor: 'Linode',
    name: 'LINODE_TOKEN',
    token: () => body(hexLower, 64, /\d/, /[a-f]/),
    in: ['env', 'yaml'],
  },
  {
    kind: 'scaleway-secret-key',
    vendor: 'Scaleway',
    name: 'SCW_SECRET_KEY',
    token: uuid,
    in: ['env', 'yaml'],
  },
  {
    kind: 'vultr-api-key',
    vendor: 'Vultr',
    name: 'VULTR_API_KEY',
    token: () => body(upper + digits, 36, /\d/, /[A-Z]/),
    in: ['env', 'shell'],
  },
  // CI/CD, code quality, developer tools
  {
    kind: 'circleci-token',
    vendor: 'CircleCI',
    name: 'CIRCLE_TOKEN',
    token: () => `CCIPAT_${body(alphanumeric, 22)}_${body(hexLower, 40)}`,
    in: ['env', 'header'],
  },
  {
    kind: 'buildkite-token',
    vendor: 'Buildkite',
    name: 'BUILDKITE_API_TOKEN',
    token: () => `bkua_${body(hexLower, 40)}`,
    in: ['env', 'header'],
  },
  {
    kind: 'sonar-token',
    vendor: 'SonarSource',
    name: 'SONAR_TOKEN',
    token: () => `${oneOf(['squ_', 'sqp_', 'sqa_'])}${body(hexLower, 40)}`,
    in: ['env', 'shell', 'bare'],
    lookAlikes: [`squ_${'0'.repeat(40)}`],
  },
  {
    kind: 'sonar-token',
    vendor: 'SonarSource',
    name: 'SONAR_LOGIN',
    token: () => body(hexLower, 40, /\d/, /[a-f]/),
    in: ['env', 'yaml'],
  },
  {
    kind: 'new-relic-key',
    vendor: 'New Relic',
    name: 'NEW_RELIC_MOBILE_APP_TOKEN',
    token: () => `AA${body(hexLower, 40, /\d/, /[a-f]/)}-NRMA`,
    in: ['env', 'json'],
  },
  {
    kind: 'sonar-token',
    vendor: 'SonarSource',
    name: 'SONARQUBE_CLOUD_TOKEN',
    token: () => `sqco_${body(alphanumeric, 59, /\d/, /[a-z]/, /[A-Z]/)}`,
    in: ['env', 'bare'],
    lookAlikes: [`sqco_${'x'.repeat(59)}`],
  },
  {
    kind: 'teamcity-token',
    vendor: 'JetBrains',
    name: 'TEAMCITY_TOKEN',
    token: () =>
      `eyJ0eXAiOiAiVENWMiJ9.${body(base64url, 36, /^[A-Za-z0-9]/)}.${body(base64url, 48, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
    in: ['env', 'header'],
  },
  {
    kind: 'postman-api-key',
    vendor: 'Postman',
    name: 'POSTMAN_API_KEY',
    token: () => `PMAK-${body(hexLower, 24)}-${body(hexLower, 34)}`,
    in: ['env', 'json', 'bare'],
    lookAlikes: [`PMAK-${'x'.repeat(24)}-${'x'.repeat(34)}`],
  },
  {
    kind: 'databricks-token',
    vendor: 'Databricks',
    name: 'DATABRICKS_TOKEN',
    token: () => `dapi${body(hexLower, 32, /\d/, /[a-f]/)}`,
    in: ['env', 'header', 'code', 'bare'],
    lookAlikes: ['dapi0123456789abcdef0123456789abcdef', `dapi${'0'.repeat(32)}`],
  },
  {
    kind: 'snyk-token',
    vendor: 'Snyk',
    name: 'SNYK_TOKEN',
    token: uuid,
    in: named,
  },
  {
    kind: 'sauce-labs-access-key',
    vendor: 'Sauce Labs',
    name: 'SAUCE_ACCESS_KEY',
    token: uuid,
    in: named,
    lookAlikes: ['00000000-0000-0000-0000-000000000000'],
  },
  {
    kind: 'codecov-token',
    vendor: 'Codecov',
    name: 'CODECOV_TOKEN',
    token: uuid,
    in: ['env', 'yaml'],
  },
  {
    kind: 'jenkins-api-token',
    vendor: 'Jenkins',
    name: 'JENKINS_API_TOKEN',
    token: () => `11${body(hexLower, 32, /\d/, /[a-f]/)}`,
    in: ['env', 'shell'],
  },
  {
    kind: 'harness-token',
    vendor: 'Harness',
    name: 'HARNESS_API_KEY',
    token: () => `pat.${body(base64url, 22, /^[A-Za-z0-9]/)}.${body(hexLower, 24)}.${body(alphanumeric, 20)}`,
    in: ['env', 'header'],
  },
  {
    kind: 'octopus-deploy-api-key',
    vendor: 'Octopus Deploy',
    name: 'OCTOPUS_API_KEY',
    token: () => `API-${body(upper + digits, 26, /\d/, /[A-Z]/)}`,
    in: ['env', 'header'],
    lookAlikes: [`API-${'X'.repeat(26)}`],
  },
  {
    kind: 'prefect-api-key',
    vendor: 'Prefect',
    name: 'PREFECT_API_KEY',
    token: () => `pnu_${body(alphanumeric, 36)}`,
    in: ['env', 'bare'],
  },
  {
    kind: 'infracost-api-key',
    vendor: 'Infracost',
    name: 'INFRACOST_API_KEY',
    token: () => `ico-${body(alphanumeric, 32)}`,
    in: ['env', 'shell'],
  },
  // secret stores and identity
  {
    kind: 'vault-token',
    vendor: 'HashiCorp',
    name: 'VAULT_TOKEN',
    token: () => `hvs.${body(base64url, 24, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
    in: ['env', 'header', 'bare'],
    lookAlikes: [`hvs.${'x'.repeat(24)}`, `hvs.${'X'.repeat(90)}`],
  },
  {
    kind: 'vault-token',
    vendor: 'HashiCorp',
    name: 'VAULT_TOKEN',
    token: () => `hvs.CAESI${body(base64url, 90, /[A-Za-z0-9]$/)}`,
    in: ['shell'],
  },
  {
    kind: 'vault-token',
    vendor: 'HashiCorp',
    name: 'VAULT_TOKEN',
    token: () => `s.${body(alphanumeric, 24, /\d/, /[A-Za-z]/)}`,
    in: ['env', 'shell'],
  },
  {
    kind: 'vault-token',
    vendor: 'HashiCorp',
    name: 'VAULT_TOKEN',
    token: () => `s.CAESI${body(base64url, 90, /[A-Za-z0-9]$/)}`,
    in: ['env'],
  },
  {
    kind: 'codeclimate-reporter-id',
    vendor: 'Code Climate',
    name: 'CC_TEST_REPORTER_ID',
    token: () => body(hexLower, 64, /\d/, /[a-f]/),
    in: ['env', 'yaml'],
  },
  {
    kind: 'vault-token',
    vendor: 'HashiCorp',
    name: 'token',
    token: () => `s.${body(alphanumeric, 24, /\d/, /[A-Z]/, /[a-z]/)}`,
    in: ['env', 'yaml'],
  },
  {
    kind: 'vault-token',
    vendor: 'HashiCorp',
    name: 'VAULT_CLIENT_TOKEN',
    token: () => `r.${body(alphanumeric, 26, /\d/, /[A-Za-z]/)}`,
    in: ['env'],
  },
  {
    kind: 'terraform-cloud-token',
    vendor: 'HashiCorp',
    name: 'TFE_TOKEN',
    token: () => `${body(alphanumeric, 14)}.atlasv1.${body(base64url, 67, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
    in: ['env', 'header'],
  },
  {
    kind: 'doppler-token',
    vendor: 'Doppler',
    name: 'DOPPLER_TOKEN',
    token: () => `${oneOf(['dp.pt.', 'dp.st.prd.', 'dp.sa.', 'dp.ct.'])}${body(alphanumeric, 43)}`,
    in: ['env', 'shell', 'bare'],
  },
  {
    kind: 'openshift-token',
    vendor: 'Red Hat',
    name: 'OPENSHIFT_TOKEN',
    token: () => `sha256~${body(base64url, 43, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
    in: ['env', 'header'],
    lookAlikes: [`sha256~${'x'.repeat(43)}`],
  },
  // observability
  {
    kind: 'dynatrace-token',
    vendor: 'Dynatrace',
    name: 'DT_API_TOKEN',
    token: () => `dt0c01.${body(upper + digits, 24)}.${body(upper + digits, 64)}`,
    in: ['env', 'header'],
  },
  {
    kind: 'grafana-token',
    vendor: 'Grafana',
    name: 'GRAFANA_TOKEN',
    token: () => `glsa_${body(alphanumeric, 32)}_${body(hexLower, 8)}`,
    in: ['env', 'header'],
  },
  {
    kind: 'grafana-token',
    vendor: 'Grafana',
    name: 'GRAFANA_CLOUD_TOKEN',
    token: () =>
      `glc_${Buffer.from(
        JSON.stringify({ o: randomFrom(digits, 6), n: 'ci', k: body(alphanumeric, 24), m: { r: 'eu' } }),
      )
        .toString('base64')
        .replace(/=+$/, '')}`,
    in: ['yaml'],
  },
  {
    kind: 'new-relic-key',
    vendor: 'New Relic',
    name: 'NEW_RELIC_API_KEY',
    token: () => `NRAK-${body(upper + digits, 27)}`,
    in: ['env', 'header'],
    lookAlikes: [`NRAK-${'X'.repeat(27)}`],
  },
  {
    kind: 'new-relic-key',
    vendor: 'New Relic',
    name: 'NEW_RELIC_INSERT_KEY',
    token: () => `NRII-${body(base64url, 32, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}`,
    in: ['yaml'],
  },
  {
    kind: 'datadog-key',
    vendor: 'Datadog',
    name: 'DD_API_KEY',
    token: () => body(hexLower, 32, /\d/, /[a-f]/),
    in: named,
    lookAlikes: ['0'.repeat(32)],
  },
  {
    kind: 'datadog-key',
    vendor: 'Datadog',
    name: 'DATADOG_APP_KEY',
    token: () => body(hexLower, 40, /\d/, /[a-f]/),
    in: ['env', 'json'],
  },
  {
    kind: 'sentry-token',
    vendor: 'Sentry',
    name: 'SENTRY_AUTH_TOKEN',
    token: () => {
      const claims = { iat: 1767225600, url: 'https://sentry.io', region_url: 'https://de.sentry.io', org: 'acme' };
      return `sntrys_${Buffer.from(JSON.stringify(claims)).toString('base64')}_${body(base64, 43, /[A-Za-z0-9]$/)}`;
    },
    in: ['env', 'shell'],
    // Claims in base64url (a `-`): not a token Sentry issued.
    lookAlikes: [
      `sntrys_eyJFAKE-OjE3NDIzNjM1NTIuNTAzMzA5LCJ1cmwiOiJodHRwczovL3NlbnRyeS5pbyIsIm9yZyI6ImFjbWUifQ==_${'Zm9vYmFy'.repeat(5)}Zm9`,
    ],
  },
  {
    kind: 'sentry-token',
    vendor: 'Sentry',
    name: 'SENTRY_AUTH_TOKEN',
    token: () => `sntryu_${body(hexLower, 64)}`,
    in: ['yaml', 'header'],
  },
];

/** One positive per kind and planting, and each look-alike bare on a line if the kind can be, else as the kind's first. */
function samplesOf(kind: Kind): SecretSample[] {
  const lookAlikeIn: Planting = kind.in.includes('bare') ? 'bare' : kind.in[0];
  const positives = kind.in.map((planting): SecretSample => ({
    kind: kind.kind,
    vendor: kind.vendor,
    file: plantings[planting](kind.name, '').file,
    make: () => {
      const secret = kind.token();
      return { text: plantings[planting](kind.name, secret).text, secret };
    },
  }));
  const lookAlikes = (kind.lookAlikes ?? []).map((value): SecretSample => ({
    kind: kind.kind,
    vendor: kind.vendor,
    file: plantings[lookAlikeIn](kind.name, '').file,
    make: () => ({ text: plantings[lookAlikeIn](kind.name, value).text }),
  }));
  return [...positives, ...lookAlikes];
}

/** Base64 of a fake PKCS#8 RSA key, wrapped at 64 as PEM is, with JSON's `\n` escapes. */
const jsonPemBody = () => {
  const der = body(base64, 1620);
  const lines = der.match(/.{1,64}/g) ?? [];
  return `MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n${lines.join('\\n')}`;
};

const serviceAccountJson = (privateKey: string, privateKeyId = randomFrom(hexLower, 40)) =>
  `{\n  "type": "service_account",\n  "project_id": "acme-prod",\n  "private_key_id": "${privateKeyId}",\n` +
  `  "private_key": "${privateKey}\\n",\n  "client_email": "deployer@acme-prod.iam.gserviceaccount.com",\n` +
  `  "client_id": "${randomFrom(digits, 21)}"\n}\n`;

const sasQuery = (signature: string) =>
  `sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2026-12-31T23:59:59Z&st=2026-01-01T00:00:00Z&spr=https&sig=${signature}`;

const storageConnectionString = (key: string) =>
  `DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=${key};EndpointSuffix=core.windows.net`;

const serviceBusConnectionString = (key: string) =>
  `Endpoint=sb://acme-prod.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${key}`;

/** Samples whose file shape is the point: credentials files, connection strings, SAS URLs. */
const shaped: SecretSample[] = [
  {
    kind: 'aws-secret-access-key',
    vendor: 'AWS',
    file: 'home/.aws/credentials',
    make: () => {
      const secret = body(base64, 40, /\d/, /[A-Z]/, /[a-z]/);
      return {
        text: `[default]\naws_access_key_id = AKIA${body(upperBase32, 16, /\d/)}\naws_secret_access_key = ${secret}\nregion = eu-west-1\n`,
        secret,
      };
    },
  },
  {
    // The CSV the AWS console offers for download: a bare secret next to its key id.
    kind: 'aws-secret-access-key',
    vendor: 'AWS',
    file: 'backup/rootkey.csv',
    make: () => {
      const secret = body(base64, 40, /\d/, /[A-Z]/, /[a-z]/);
      return { text: `Access key ID,Secret access key\nAKIA${body(upperBase32, 16, /\d/)},${secret}\n`, secret };
    },
  },
  {
    kind: 'aws-secret-access-key',
    vendor: 'AWS',
    file: 'docs/setup.md',
    make: () => ({
      // AWS's documented example pair, and a git sha next to it: neither is a secret.
      text:
        'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n' +
        `Fixed in ${createHash('sha1').update('fix').digest('hex')}.\n`,
    }),
  },
  {
    kind: 'azure-storage-account-key',
    vendor: 'Azure',
    file: 'src/appsettings.json',
    make: () => {
      const secret = `${body(base64, 86)}==`;
      return {
        text: `{\n  "ConnectionStrings": {\n    "Blob": "${storageConnectionString(secret)}"\n  }\n}\n`,
        secret,
      };
    },
  },
  {
    kind: 'azure-storage-account-key',
    vendor: 'Azure',
    file: 'deploy/.env',
    make: () => {
      const secret = `${body(base64, 86)}==`;
      return { text: `AZURE_STORAGE_ACCOUNT=acmeprod\nAZURE_STORAGE_KEY=${secret}\n`, secret };
    },
  },
  {
    kind: 'azure-storage-account-key',
    vendor: 'Azure',
    file: 'src/appsettings.json',
    make: () => ({ text: `{ "Blob": "${storageConnectionString(`${'x'.repeat(86)}==`)}" }\n` }),
  },
  {
    // Azurite's published development key: in every emulator example, and no secret.
    kind: 'azure-storage-account-key',
    vendor: 'Azure',
    file: 'test/storage.ts',
    make: () => ({
      text:
        "const emulator = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;';\n",
    }),
  },
  {
    kind: 'azure-shared-access-key',
    vendor: 'Azure',
    file: 'src/local.settings.json',
    make: () => {
      const secret = `${body(base64, 43)}=`;
      return { text: `{\n  "Values": {\n    "ServiceBus": "${serviceBusConnectionString(secret)}"\n  }\n}\n`, secret };
    },
  },
  {
    kind: 'azure-shared-access-key',
    vendor: 'Azure',
    file: 'src/local.settings.json',
    make: () => ({ text: `{ "ServiceBus": "${serviceBusConnectionString('<your-shared-access-key>')}" }\n` }),
  },
  {
    kind: 'azure-ad-client-secret',
    vendor: 'Azure',
    file: 'src/appsettings.json',
    make: () => {
      const secret = body(azureSecretChars, 34, /[~._-]/, /\d/, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/);
      return {
        text: `{\n  "AzureAd": {\n    "Instance": "https://login.microsoftonline.com/",\n    "TenantId": "${uuid()}",\n    "ClientSecret": "${secret}"\n  }\n}\n`,
        secret,
      };
    },
  },
  {
    kind: 'azure-ad-client-secret',
    vendor: 'Azure',
    file: 'src/appsettings.json',
    make: () => ({
      text: `{\n  "AzureAd": {\n    "TenantId": "${uuid()}",\n    "ClientSecret": "YOUR_CLIENT_SECRET_VALUE_GOES_HERE"\n  }\n}\n`,
    }),
  },
  {
    kind: 'azure-connection-string-key',
    vendor: 'Azure',
    file: 'src/appsettings.json',
    make: () => {
      const secret = `${body(base64, 43)}=`;
      return {
        text: `{ "SignalR": "Endpoint=https://acme.service.signalr.net;AccessKey=${secret};Version=1.0;" }\n`,
        secret,
      };
    },
  },
  {
    kind: 'azure-connection-string-key',
    vendor: 'Azure',
    file: 'deploy/.env',
    make: () => {
      const secret = `${body(base64, 43)}=`;
      return {
        text: `APP_CONFIG=Endpoint=https://acme.azconfig.io;Id=${body(alphanumeric, 4)}-l0-s0:${body(alphanumeric, 20)};Secret=${secret}\n`,
        secret,
      };
    },
  },
  {
    kind: 'azure-connection-string-key',
    vendor: 'Azure',
    file: 'config/cache.yaml',
    make: () => {
      const secret = `${body(base64, 43)}=`;
      return {
        text: `redis: acme.redis.cache.windows.net:6380,password=${secret},ssl=True,abortConnect=False\n`,
        secret,
      };
    },
  },
  {
    kind: 'azure-function-key',
    vendor: 'Azure',
    file: 'ops/webhooks.md',
    make: () => {
      const secret = `${body(base64url, 54, /^[A-Za-z0-9]/, /[A-Za-z0-9]$/)}==`;
      return {
        text: `Hook: https://acme-jobs.azurewebsites.net/api/nightly?code=${secret}&clientId=default\n`,
        secret,
      };
    },
  },
  {
    kind: 'azure-sas-token',
    vendor: 'Azure',
    file: 'scripts/upload.sh',
    make: () => {
      const secret = encodeURIComponent(`${body(base64, 43, /[+/]/)}=`);
      return { text: `azcopy copy ./dist "https://acmeprod.blob.core.windows.net/site?${sasQuery(secret)}"\n`, secret };
    },
  },
  {
    kind: 'azure-sas-token',
    vendor: 'Azure',
    file: 'config/storage.env',
    make: () => {
      const secret = encodeURIComponent(`${body(base64, 43)}=`);
      return { text: `AZURE_STORAGE_SAS_TOKEN="?${sasQuery(secret)}"\n`, secret };
    },
  },
  {
    kind: 'azure-sas-token',
    vendor: 'Azure',
    file: 'docs/storage.md',
    make: () => ({
      text: `Append the token: https://acme.blob.core.windows.net/c?${sasQuery('XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX%3D')}\n`,
    }),
  },
  {
    kind: 'azure-sas-token',
    vendor: 'Azure',
    file: 'config/storage.env',
    make: () => {
      const secret = encodeURIComponent(`${body(base64, 43)}=`);
      return {
        text: `AZURE_BLOB_SAS_TOKEN=sp=rcwl&st=2026-03-10T06:58:25Z&se=2026-03-10T14:58:25Z&sip=168.1.6.50-168.1.6.80&spr=https&sv=2022-11-02&sr=c&sig=${secret}\n`,
        secret,
      };
    },
  },
  {
    // Permissions Azure has no letter for (`q`), and an allowed address of three octets: typed, not issued.
    kind: 'azure-sas-token',
    vendor: 'Azure',
    file: 'config/storage.env',
    make: () => ({
      text: `AZURE_BLOB_SAS_TOKEN=sp=rqx&st=2026-03-04T07:24:52Z&se=2026-04-04T15:24:52Z&spr=https&sv=2022-11-02&sr=c&sig=${encodeURIComponent(`${body(base64, 43)}=`)}\n`,
    }),
  },
  {
    kind: 'azure-sas-token',
    vendor: 'Azure',
    file: 'config/storage.env',
    make: () => ({
      text: `AZURE_BLOB_SAS_TOKEN=sp=rcwl&se=2026-03-10T14:58:25Z&sip=168.1.6&spr=https&sv=2022-11-02&sr=c&sig=${encodeURIComponent(`${body(base64, 43)}=`)}\n`,
    }),
  },
  {
    // A signature parameter outside any SAS query is not a SAS token.
    kind: 'azure-sas-token',
    vendor: 'Azure',
    file: 'src/webhook.ts',
    make: () => ({ text: `const callback = 'https://hooks.service.test/cb?id=42&sig=${body(base64url, 43)}';\n` }),
  },
  {
    kind: 'azure-devops-pat',
    vendor: 'Azure',
    file: 'scripts/clone.sh',
    make: () => {
      const secret = body(base32Lower, 52, /[2-7]/);
      return { text: `git clone https://pat:${secret}@dev.azure.com/acme/platform/_git/api\n`, secret };
    },
  },
  {
    // The same shape with no Azure DevOps in sight: a base32 content id.
    kind: 'azure-devops-pat',
    vendor: 'Azure',
    file: 'data/blobs.txt',
    make: () => ({ text: `blob ${body(base32Lower, 52, /[2-7]/)} 4096\n` }),
  },
  {
    kind: 'gcp-service-account-key',
    vendor: 'GCP',
    file: 'secrets/deployer.json',
    make: () => {
      const secret = `-----BEGIN PRIVATE KEY-----\\n${jsonPemBody()}\\n-----END PRIVATE KEY-----`;
      return { text: serviceAccountJson(secret), secret };
    },
  },
  {
    kind: 'gcp-service-account-key',
    vendor: 'GCP',
    file: 'deploy/values.yaml',
    make: () => {
      const secret = `-----BEGIN PRIVATE KEY-----\\n${jsonPemBody()}\\n-----END PRIVATE KEY-----`;
      return {
        text: `gcp:\n  type: service_account\n  client_email: ci@acme.iam.gserviceaccount.com\n  private_key: "${secret}\\n"\n`,
        secret,
      };
    },
  },
  {
    kind: 'gcp-service-account-key',
    vendor: 'GCP',
    file: 'test/fixtures/service-account.json',
    make: () => ({
      text: serviceAccountJson(
        '-----BEGIN PRIVATE KEY-----\\nanything\\n-----END PRIVATE KEY-----',
        '<private-key-id>',
      ),
    }),
  },
  {
    kind: 'kubernetes-bootstrap-token',
    vendor: 'Kubernetes',
    file: 'docs/join-node.md',
    make: () => {
      const secret = `${body(lowerAlphanumeric, 6, /\d/)}.${body(lowerAlphanumeric, 16, /\d/, /[a-z]/)}`;
      return {
        text: `kubeadm join 10.0.0.10:6443 --token ${secret} \\\n  --discovery-token-ca-cert-hash sha256:${randomFrom(hexLower, 64)}\n`,
        secret,
      };
    },
  },
  {
    kind: 'kubernetes-bootstrap-token',
    vendor: 'Kubernetes',
    file: 'cluster/kubeadm-config.yaml',
    make: () => {
      const secret = `${body(lowerAlphanumeric, 6, /\d/)}.${body(lowerAlphanumeric, 16, /\d/, /[a-z]/)}`;
      return {
        text: `apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\nbootstrapTokens:\n  - token: "${secret}"\n    ttl: "24h"\n`,
        secret,
      };
    },
  },
  {
    kind: 'kubernetes-bootstrap-token',
    vendor: 'Kubernetes',
    file: 'docs/join-node.md',
    make: () => ({ text: 'kubeadm join 10.0.0.10:6443 --token abcdef.0123456789abcdef\n' }),
  },
  {
    // The same shape in a file about something else: a versioned asset name.
    kind: 'kubernetes-bootstrap-token',
    vendor: 'Kubernetes',
    file: 'web/assets.txt',
    make: () => ({ text: `main ${body(lowerAlphanumeric, 6, /\d/)}.${body(lowerAlphanumeric, 16, /\d/)} 200\n` }),
  },
  {
    kind: 'snyk-token',
    vendor: 'Snyk',
    file: 'ci/.env',
    make: () => ({ text: `SNYK_ORG_ID=${uuid()}\nSNYK_PROJECT_ID=${uuid()}\n` }),
  },
  {
    kind: 'vault-token',
    vendor: 'HashiCorp',
    file: 'docs/vault.md',
    make: () => ({ text: 'export VAULT_TOKEN="hvs.<your-token>"\nvault login s.xxxxxxxxxxxxxxxxxxxxxxxx\n' }),
  },
];

export const vendorInfraSamples: readonly SecretSample[] = [...kinds.flatMap(samplesOf), ...shaped];
