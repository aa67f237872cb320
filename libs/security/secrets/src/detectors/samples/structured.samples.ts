import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { alphabets, randomFrom, type SecretSample } from './sample-kit';

/**
 * Credentials found by their place: Kubernetes Secrets, `.netrc`, nuget.config, `.npmrc`,
 * `.pypirc`, Docker auths, URLs, Terraform, Django, connection strings, command lines,
 * Authorization headers and keys named like passwords. Look-alikes are the shapes those files take
 * in documentation, templates and code: placeholders, references, labels, types, public names.
 */

// No `%`: `%s` and `%d` read as format placeholders, and a password rarely holds them.
const symbols = '!#&*+=?@^_~';
/** A password as people choose them: a capitalised made-up word, digits, a symbol, more letters. */
function humanPassword(): string {
  const word = randomFrom(alphabets.lower, 6);
  return `${word[0].toUpperCase()}${word.slice(1)}${randomFrom(alphabets.digits, 3)}${randomFrom(symbols, 1)}${randomFrom(alphabets.alphanumeric, 4)}`;
}
/** A generated password or token: 20 random letters and digits. */
const generated = () => randomFrom(alphabets.alphanumeric, 20);
/** A generated value with digits inside, as issued tokens have (an unquoted value needs them to count). */
const generatedWithDigits = () =>
  `${randomFrom(alphabets.alphanumeric, 8)}${randomFrom(alphabets.digits, 1)}${randomFrom(alphabets.lower, 8)}${randomFrom(alphabets.digits, 1)}${randomFrom(alphabets.alphanumeric, 2)}`;
/** An issued API token: 24 uniformly drawn alphanumerics, at least one of them a digit. */
function issuedToken(): string {
  for (;;) {
    const value = randomFrom(alphabets.alphanumeric, 24);
    if (/\d/.test(value)) return value;
  }
}
const base64 = (text: string) => Buffer.from(text).toString('base64');
const user = () => `svc-${randomFrom(alphabets.lower, 5)}`;

/**
 * A positive: `build(secret)` plants `secret` (made by `secretOf`) in a file. Where the file holds
 * an encoding of the password (base64 in a Secret, Basic auth), `secretOf` makes the encoding.
 */
function positive(
  kind: string,
  file: string,
  build: (secret: string) => string,
  secretOf: () => string = humanPassword,
): SecretSample {
  return {
    kind,
    file,
    make() {
      const secret = secretOf();
      return { text: build(secret), secret };
    },
  };
}

/** A look-alike: a file that has a credential's shape but no credential. */
const lookAlike = (kind: string, file: string, text: string): SecretSample => ({ kind, file, make: () => ({ text }) });
/** A look-alike drawn afresh each time, so no rule passes it by luck of one value. */
const drawnLookAlike = (kind: string, file: string, text: () => string): SecretSample => ({
  kind,
  file,
  make: () => ({ text: text() }),
});

const kubernetesSecretYaml = (data: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\n  namespace: payments\ntype: Opaque\n${data}`;

const kubernetes: SecretSample[] = [
  positive(
    'kubernetes-secret',
    'k8s/db-secret.yaml',
    (encoded) => kubernetesSecretYaml(`data:\n  username: ${base64('payments')}\n  password: ${encoded}\n`),
    () => base64(humanPassword()),
  ),
  positive('kubernetes-secret', 'deploy/secret.yml', (secret) =>
    kubernetesSecretYaml(`stringData:\n  DB_USER: payments\n  DB_PASSWORD: "${secret}"\n`),
  ),
  positive(
    'kubernetes-secret',
    'manifests/all.yaml',
    (encoded) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  LOG_LEVEL: info\n---\n` +
      kubernetesSecretYaml(`data:\n  api-token: ${encoded}\n`) +
      `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n`,
    () => base64(generated()),
  ),
  positive(
    'kubernetes-secret',
    'k8s/secret.json',
    (encoded) =>
      JSON.stringify(
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api' }, type: 'Opaque', data: { token: encoded } },
        null,
        2,
      ),
    () => base64(generated()),
  ),
  positive(
    'kubernetes-secret',
    'k8s/list.json',
    (encoded) =>
      JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'List',
          items: [
            { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { mode: 'fast' } },
            { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls' }, data: { 'tls.key': encoded } },
          ],
        },
        null,
        2,
      ),
    () => randomFrom(alphabets.base64, 64),
  ),
  positive(
    'kubernetes-secret',
    'k8s/dockercfg.yaml',
    (encoded) =>
      `apiVersion: v1\ndata:\n  .dockercfg: |\n    ${encoded}\nmetadata:\n  name: registry\ntype: kubernetes.io/dockercfg\nkind: Secret\n`,
    () => base64(JSON.stringify({ auths: { 'registry.example.com': { auth: base64(`ci:${generated()}`) } } })),
  ),
  positive(
    'kubernetes-secret',
    'k8s/tabs.yml',
    (encoded) => `apiVersion: v1\ndata:\n\tpassword: '${encoded}'\nkind: secret\nmetadata:\n\tname: db-user-pass\n`,
    () => base64(humanPassword()),
  ),
  lookAlike(
    'kubernetes-secret',
    'k8s/external-secret.yaml',
    'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: api-key\nspec:\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: aws\n  data:\n    - secretKey: api-key\n      remoteRef:\n        key: prod/api-key\n',
  ),
  lookAlike(
    'kubernetes-secret',
    'k8s/sops.yaml',
    'apiVersion: isindir.github.com/v1alpha3\nkind: SopsSecret\nspec:\n  secretTemplates:\n    - name: app\n      stringData:\n        db-password: ENC[AES256_GCM,data:O+5l4g==,iv:c/dS4BCBMbnKsXYuzBuCuVQt8RV9bOv5HgdpL+iwmns=,type:str]\n',
  ),
  lookAlike(
    'kubernetes-secret',
    'k8s/short.yaml',
    `apiVersion: v1\ndata:\n  extra: ${base64('bar\n')}\nkind: Secret\n`,
  ),
  lookAlike(
    'kubernetes-secret',
    'k8s/configmap.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  banner: SGVsbG8gd29ybGQgZnJvbSB0aGUgYXBp\n',
  ),
  lookAlike(
    'kubernetes-secret',
    'charts/api/templates/secret.yaml',
    kubernetesSecretYaml('data:\n  password: {{ .Values.db.password | b64enc | quote }}\n'),
  ),
  lookAlike(
    'kubernetes-secret',
    'k8s/placeholder-secret.yaml',
    kubernetesSecretYaml(`data:\n  password: ${base64('changeme')}\n`),
  ),
  lookAlike(
    'kubernetes-secret',
    'k8s/empty-secret.yaml',
    kubernetesSecretYaml('stringData:\n  password: ""\n  token: <set-me>\n'),
  ),
  lookAlike(
    'kubernetes-secret',
    'k8s/ca.yaml',
    kubernetesSecretYaml(
      `data:\n  ca.crt: ${base64('-----BEGIN CERTIFICATE-----\nMIIB')}\n  username: ${base64('admin')}\n`,
    ),
  ),
];

const netrcAndFriends: SecretSample[] = [
  positive('netrc', '.netrc', (secret) => `machine api.heroku.com\n  login deploy@example.com\n  password ${secret}\n`),
  positive('netrc', 'home/_netrc', (secret) => `machine git.example.com login ci-bot password ${secret}\n`, generated),
  positive(
    'netrc',
    'ci/netrc',
    (secret) => `machine a.example.com login x\ndefault login anonymous password ${secret}\n`,
  ),
  lookAlike('netrc', '.netrc', 'machine api.example.com\n  login user\n  password <your-token>\n'),
  lookAlike('netrc', 'docs/netrc.md', 'machine example.com login USERNAME password PASSWORD\n'),

  positive(
    'nuget-config-password',
    'nuget.config',
    (secret) =>
      `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSourceCredentials>\n    <Contoso>\n      <add key="Username" value="build" />\n      <add key="ClearTextPassword" value="${secret}" />\n    </Contoso>\n  </packageSourceCredentials>\n</configuration>\n`,
  ),
  positive(
    'nuget-config-password',
    'NuGet.Config',
    (secret) =>
      `<packageSourceCredentials><feed><add key="Username" value="build" /><add key="Password" value="${secret}" /></feed></packageSourceCredentials>\n`,
    () => randomFrom(alphabets.base64, 160),
  ),
  lookAlike(
    'nuget-config-password',
    'nuget.config',
    '<packageSourceCredentials><feed><add key="Username" value="%NUGET_USER%" /><add key="ClearTextPassword" value="%NUGET_PASSWORD%" /></feed></packageSourceCredentials>\n',
  ),
  lookAlike('nuget-config-password', 'nuget.config', '<add key="ClearTextPassword" value="$(FeedPassword)" />\n'),

  positive(
    'npmrc-auth',
    '.npmrc',
    (secret) => `registry=https://npm.example.com/\n//npm.example.com/:_authToken=${secret}\n`,
    () => randomUUID(),
  ),
  positive(
    'npmrc-auth',
    '.npmrc',
    (encoded) => `//npm.example.com/:_auth=${encoded}\nalways-auth=true\n`,
    () => base64(`${user()}:${humanPassword()}`),
  ),
  positive(
    'npmrc-auth',
    'packages/app/.npmrc',
    (encoded) => `//npm.example.com/:username=ci\n//npm.example.com/:_password=${encoded}\n`,
    () => base64(humanPassword()),
  ),
  lookAlike('npmrc-auth', '.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n'),
  // npm reads `_authToken` only under `//host/:`: without the slash, the host or the `//` it authenticates nothing.
  drawnLookAlike('npmrc-auth', '.npmrc', () => `//registry.npmjs.org:_authToken=${randomUUID()}\n`),
  drawnLookAlike('npmrc-auth', '.npmrc', () => `///:_authToken=${randomUUID()}\n`),
  drawnLookAlike('npmrc-auth', '.npmrc', () => `registry.npmjs.org/:_authToken=${randomUUID()}\n`),
  drawnLookAlike('npmrc-auth', '.npmrc', () => `_authToken=${randomUUID()}\n`),
  lookAlike(
    'npmrc-auth',
    '.npmrc',
    `//npm.example.com/:_auth=${base64('user:')}\n//npm.example.com/:_password=\${NPM_PASSWORD}\n`,
  ),

  positive(
    'pypirc-password',
    '.pypirc',
    (secret) =>
      `[distutils]\nindex-servers =\n    internal\n\n[internal]\nrepository = https://pypi.example.com/simple\nusername = deploy\npassword = ${secret}\n`,
  ),
  lookAlike('pypirc-password', '.pypirc', '[pypi]\nusername = __token__\npassword = <your PyPI token>\n'),
  lookAlike('pypirc-password', '.pypirc', '[internal]\nusername = deploy\npassword = %(PYPI_PASSWORD)s\n'),

  positive(
    'docker-config-auth',
    '.docker/config.json',
    (encoded) => JSON.stringify({ auths: { 'registry.example.com': { auth: encoded } } }, null, 2),
    () => base64(`${user()}:${generated()}`),
  ),
  positive(
    'docker-config-auth',
    '.dockercfg',
    (encoded) => JSON.stringify({ 'https://index.docker.io/v1/': { auth: encoded, email: 'ci@example.com' } }),
    () => base64(`${user()}:${humanPassword()}`),
  ),
  lookAlike(
    'docker-config-auth',
    '.docker/config.json',
    JSON.stringify({ auths: { 'ghcr.io': {} }, credsStore: 'desktop' }, null, 2),
  ),
  lookAlike(
    'docker-config-auth',
    'docs/config.json',
    JSON.stringify({ auths: { 'r.example.com': { auth: base64('username:password') } } }),
  ),
];

const urlsAndCommandLines: SecretSample[] = [
  ...['https', 'postgres', 'postgresql', 'mysql', 'mongodb+srv', 'amqps', 'ftp', 'sftp', 'smtp'].map((scheme) =>
    positive(
      'basic-auth-url',
      'config/urls.env',
      (secret) => `UPSTREAM=${scheme}://${user()}:${secret}@svc.internal.example.net:1234/path\n`,
      () => encodeURIComponent(humanPassword()),
    ),
  ),
  positive(
    'basic-auth-url',
    'src/cache.ts',
    (secret) => `export const redisUrl = 'redis://:${secret}@cache.internal:6379/0';\n`,
    generated,
  ),
  positive('basic-auth-url', '.git-credentials', (secret) => `https://ci-bot:${secret}@github.com\n`, generated),
  lookAlike(
    'basic-auth-url',
    'README.md',
    'Connect with `postgres://user:password@localhost:5432/app` or `mysql://root:@localhost/db`.\n',
  ),
  lookAlike(
    'basic-auth-url',
    'docker-compose.yml',
    'environment:\n  DATABASE_URL: postgres://app:${POSTGRES_PASSWORD}@db:5432/app\n  AMQP_URL: amqp://guest:guest@rabbit:5672\n',
  ),
  lookAlike(
    'basic-auth-url',
    'docs/urls.md',
    'https://user:pass@example.com, ftp://anonymous:****@ftp.example.org, redis://:<password>@host\n',
  ),

  positive(
    'terraform-password',
    'infra/variables.tf',
    (secret) =>
      `variable "db_password" {\n  description = "Database admin password"\n  type        = string\n  sensitive   = true\n  default     = "${secret}"\n}\n`,
  ),
  positive(
    'terraform-password',
    'infra/prod.tfvars',
    (secret) => `region      = "eu-west-1"\ndb_password = "${secret}"\n`,
  ),
  positive(
    'terraform-password',
    'infra/main.tf',
    (secret) =>
      `resource "aws_db_instance" "main" {\n  engine   = "postgres"\n  username = "app"\n  password = "${secret}"\n}\n`,
  ),
  lookAlike(
    'terraform-password',
    'infra/db.tf',
    'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n\nresource "aws_db_instance" "main" {\n  password = var.db_password\n  master_password = random_password.db.result\n}\nvariable "password_length" {\n  default = "32"\n}\n',
  ),

  positive(
    'django-settings',
    'mysite/settings.py',
    (secret) => `DEBUG = False\nSECRET_KEY = '${secret}'\n`,
    () => randomFrom(`${alphabets.lower}${alphabets.digits}!@#%^&*(-_=+)`, 50),
  ),
  positive(
    'django-settings',
    'mysite/settings.py',
    (secret) => `SECRET_KEY = "${secret}"\n`,
    () => `django-insecure-${randomFrom(`${alphabets.lower}${alphabets.digits}!@#%^&*(-_=+)`, 50)}`,
  ),
  positive(
    'django-settings',
    'mysite/settings/prod.py',
    (secret) =>
      `DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',\n        'NAME': 'app',\n        'USER': 'app',\n        'PASSWORD': '${secret}',\n        'HOST': 'db',\n    }\n}\n`,
  ),
  // The key as the fallback of an environment lookup, in settings or in a snippet in the docs.
  positive(
    'django-settings',
    'mysite/settings.py',
    (secret) => `import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '${secret}')\n`,
    () => randomFrom(`${alphabets.lower}${alphabets.digits}!@#%^&*(-_=+)`, 50),
  ),
  positive(
    'django-settings',
    'docs/deploy.md',
    (secret) => `\`\`\`python\nSECRET_KEY = config("SECRET_KEY", default="${secret}")\n\`\`\`\n`,
    () => randomFrom(`${alphabets.lower}${alphabets.digits}!@#%^&*(-_=+)`, 50),
  ),
  lookAlike(
    'django-settings',
    'docs/deploy.md',
    "SECRET_KEY = env('DJANGO_SECRET_KEY', default='change-me-to-a-long-random-string-in-production')\n",
  ),
  lookAlike(
    'django-settings',
    'mysite/settings.py',
    "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nDATABASES = {'default': {'PASSWORD': os.getenv('DB_PASSWORD', ''), 'USER': 'app'}}\nAUTH_PASSWORD_VALIDATORS = []\n",
  ),

  positive('connection-string', 'appsettings.json', (secret) =>
    JSON.stringify(
      {
        ConnectionStrings: {
          Default: `Server=tcp:sql.example.net,1433;Database=app;User Id=app;Password=${secret};Encrypt=True;`,
        },
      },
      null,
      2,
    ),
  ),
  positive(
    'connection-string',
    'odbc.ini',
    (secret) => `DSN=reports;Driver={ODBC Driver 18 for SQL Server};Server=db;UID=report;PWD={${secret}};\n`,
  ),
  positive(
    'connection-string',
    'src/main/resources/application.properties',
    (secret) =>
      `spring.datasource.url=jdbc:sqlserver://db.example.net:1433;databaseName=app;user=app;password=${secret};\n`,
  ),
  lookAlike(
    'connection-string',
    'appsettings.Development.json',
    JSON.stringify({
      ConnectionStrings: {
        Default: 'Server=(localdb)\\mssqllocaldb;Database=app;Trusted_Connection=True;',
        Other: 'Server=db;User Id=sa;Password=${DB_PASSWORD};',
      },
    }),
  ),

  positive(
    'cli-password',
    'scripts/fetch.sh',
    (secret) => `curl -sS -u ${user()}:${secret} https://api.example.com/v1/items\n`,
  ),
  positive(
    'cli-password',
    'docs/api.md',
    (secret) => `curl --user "deploy:${secret}" -X POST https://ci.example.com/job/build\n`,
  ),
  positive('cli-password', 'scripts/backup.sh', (secret) => `mysqldump -h db -u backup -p'${secret}' app > app.sql\n`),
  positive('cli-password', 'scripts/restore.sh', (secret) => `mysql -u root -p${secret} app < app.sql\n`, generated),
  positive(
    'cli-password',
    'scripts/deploy.sh',
    (secret) => `sshpass -p '${secret}' ssh deploy@10.0.0.5 ./release.sh\n`,
  ),
  positive(
    'cli-password',
    'scripts/flush.sh',
    (secret) => `redis-cli -h cache.internal -a ${secret} FLUSHALL\n`,
    generated,
  ),
  lookAlike('cli-password', 'README.md', 'Mongo Atlas - MongoDB-based cloud database used to host your data\n'),
  // "password" in translation files, in scripts with and without case.
  lookAlike(
    'generic-password',
    'src/languages/ru.ts',
    "export const ru = {\n  password: 'Пароль',\n  newPassword: 'Новый пароль',\n  resetPassword: 'パスワード再発行',\n  confirmPassword: 'ยืนยันรหัสผ่าน',\n  youDidNotRequestPassword: '如果您没有要求这样做，请忽略这封邮件。',\n  es: 'Contraseña',\n}\n",
  ),
  lookAlike(
    'generic-password',
    'src/languages/es.ts',
    "export const es = { password: 'Contraseña', oldPassword: 'Lösenord' }\n",
  ),
  lookAlike(
    'generic-password',
    'docs/auth.mdx',
    '```json\n{ "email": "admin@medusa-test.com", "password": "supersecret" }\n```\n',
  ),
  lookAlike(
    'generic-password',
    '.github/workflows/ci.yml',
    'services:\n  postgres:\n    image: postgres:16\n    env:\n      POSTGRES_PASSWORD: postgres\n      REDIS_PASSWORD: redis\n',
  ),
  lookAlike(
    'generic-password',
    'integration-tests/login.spec.ts.txt',
    'const user = { email: "a@b.test", password: "testpass" }\nconst other = { password: "otherpass", oldPassword: "usertest" }\n',
  ),
  lookAlike(
    'generic-password',
    'public/intl/messages/km-KH.json',
    '{\n  "password": "\u1796\u17b6\u1780\u17d2\u1799\u200b",\n  "new-password": "\u1796\u17b6\u1780\u17d2\u1799\u200b\u1790\u17d2\u1798\u17b8"\n}\n',
  ),
  lookAlike(
    'generic-password',
    'src/auth/oauth2.spec.ts',
    'const grant = { token: "oauth2_access_token_123", refreshToken: "refresh_token_456" }\n',
  ),
  lookAlike(
    'generic-password',
    'src/posthog.ts',
    "const POSTHOG_API_KEY = 'phc_9CipPajQC22mSkk2wxe2TXsUA0Ysyupe8dt5KQQELqx';\n",
  ),
  lookAlike(
    'kubernetes-secret',
    'k8s/db.yml',
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: demo-db\ntype: servicebinding.io/postgresql\nstringData:\n  type: "postgresql"\n  provider: "postgresql"\n  host: "demo-db"\n  port: "5432"\n',
  ),
  lookAlike(
    'cli-password',
    'lib/cli.py',
    "# The format when we use just --ask-vault-pass needs to match 'Vault password'\nsshpass -P assword ssh host\nmysql -h db -P 3306 -u app\n",
  ),
  lookAlike('netrc', 'lib/ssh.py', '# Set default password prompt for pkcs11_provider\nmachine_name = host\n'),
  lookAlike('connection-string', 'lib/api.py', 'def __init__(self, username=None, password=None):\n'),
  lookAlike(
    'authorization-header',
    'src/jwt.spec.ts',
    'expect(headers).toEqual({ Authorization: "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" })\n',
  ),
  lookAlike(
    'basic-auth-url',
    'docker-compose.yml',
    'services:\n  app:\n    environment:\n      - DATABASE_URL=postgresql://postgres:testpass@db:5432/app\n',
  ),
  lookAlike('authorization-header', 'src/auth.spec.ts', 'expect(header).toBe("Basic dGVzdHVzZXI6dGVzdHBhc3M=")\n'),
  lookAlike(
    'generic-password',
    'tasks/users.yml',
    '- user:\n    name: test\n    password: "$6$rounds=656000$tgK3gYTyRLUmhyv2$lAFrYUQwn7E6VsjPOwQwoSx30lmpiU9r/E0Al7tzKrR9mkodcMEZGe9OXD0H/clOn"\n',
  ),
  lookAlike(
    'generic-password',
    'tests/test_vault.py',
    'self.vault_password = "hunter42"\nansible_ssh_pass = "foobar"\nsecret = "bXktc2VjcmV0LWtleQ=="  # base64 for "my-secret-key"\n',
  ),
  lookAlike(
    'generic-password',
    'src/types/InfraConfig.ts',
    "export enum InfraConfigEnum {\n  MAILER_SMTP_OAUTH2_CLIENT_SECRET = 'MAILER_SMTP_OAUTH2_CLIENT_SECRET',\n}\n",
  ),
  lookAlike(
    'generic-password',
    'collections/secret-envs.json',
    '{ "testScript": "const secretBasicAuthPassword = pw.env.get(\\"secretBasicAuthPassword\\")" }\n',
  ),
  lookAlike(
    'generic-password',
    'notes/login.txt',
    'username = request.form["username"]\npassword = request.form["password"]\ntoken = request.args.get(\'token\')\n',
  ),
  positive(
    'generic-password',
    'app/views.py',
    (secret) => `if username == "admin" and password == "${secret}":\n    return redirect("/admin")\n`,
  ),
  lookAlike(
    'generic-password',
    'src/login.ts',
    'if (password === "") return;\nif (token !== undefined && tokenType === "Bearer") use(token);\nif (secret != "changeme") warn();\n',
  ),
  // A password with letters outside ASCII is still one when it has what words do not.
  positive(
    'generic-password',
    'config/app.ini',
    (secret) => `[db]\npassword = ${secret}\n`,
    () => `Müller${randomFrom(alphabets.digits, 4)}!`,
  ),
  positive(
    'cli-password',
    '.gitlab-ci.yml',
    (secret) => `script:\n  - docker login -u ci -p ${secret} registry.example.com\n`,
    generated,
  ),
  positive(
    'cli-password',
    'Makefile',
    (secret) => `migrate:\n\tflyway -url=jdbc:postgresql://db/app -user=app --password=${secret} migrate\n`,
  ),
  positive('cli-password', 'scripts/psql.sh', (secret) => `PGPASSWORD=${secret} psql -h db -U app -c 'select 1'\n`),
  positive(
    'cli-password',
    'scripts/remote.cmd',
    (secret) => `PsExec.exe \\\\build01 -u CORP\\deploy -p ${secret} cmd /c deploy.bat\n`,
  ),
  positive(
    'cli-password',
    'scripts/vcenter.ps1',
    (secret) => `Connect-VIServer -Server vc.lab.local -User administrator@vsphere.local -Password '${secret}'\n`,
  ),
  lookAlike(
    'cli-password',
    'scripts/vcenter.ps1',
    'Connect-VIServer $server -User $user -Password $password | Out-Null\n',
  ),
  lookAlike('cli-password', 'scripts/remote.cmd', 'PsExec.exe \\\\build01 -u %USER% -p %PASSWORD% cmd /c deploy.bat\n'),
  positive(
    'cli-password',
    'scripts/join-domain.ps1',
    (secret) =>
      `$password = ConvertTo-SecureString "${secret}" -AsPlainText -Force\n$credential = New-Object PSCredential ("CORP\\deploy", $password)\n`,
  ),
  positive(
    'cli-password',
    'scripts/service.ps1',
    (secret) => `$secure = ConvertTo-SecureString -String '${secret}' -AsPlainText -Force\n`,
    generated,
  ),
  lookAlike(
    'cli-password',
    'scripts/join-domain.ps1',
    '$password = ConvertTo-SecureString "$env:DEPLOY_PASSWORD" -AsPlainText -Force\n$secure = ConvertTo-SecureString $plain -AsPlainText -Force\n$key = ConvertTo-SecureString "<password>" -AsPlainText -Force\n',
  ),
  lookAlike(
    'generic-password',
    'docs/windows-agents.md',
    '```powershell\n$password = ConvertTo-SecureString $env:AGENT_PASSWORD -AsPlainText -Force\n```\n',
  ),
  positive(
    'generic-password',
    'config/app.ini',
    (secret) => `[smtp]\npassword = ${secret}\n`,
    // Two capitalised words: a password, not a PowerShell call (nothing follows it).
    () =>
      [randomFrom(alphabets.lower, 6), randomFrom(alphabets.lower, 6)]
        .map((word) => `${word[0].toUpperCase()}${word.slice(1)}`)
        .join('-'),
  ),
  positive(
    'maven-master-password',
    '.m2/settings-security.xml',
    (secret) => `<settingsSecurity>\n  <master>${secret}</master>\n</settingsSecurity>\n`,
    () => `{${base64(randomFrom(alphabets.alphanumeric, 30))}}`,
  ),
  lookAlike(
    'maven-master-password',
    '.m2/settings-security.xml',
    '<settingsSecurity>\n  <master>{your-encrypted-master-password}</master>\n  <relocation>/Volumes/key/settings-security.xml</relocation>\n</settingsSecurity>\n',
  ),
  positive(
    'dotnet-credential',
    'src/Mailer.cs',
    (secret) => `client.Credentials = new NetworkCredential("mailer@example.com", "${secret}");\n`,
  ),
  positive(
    'dotnet-credential',
    'scripts/ldap.ps1',
    (secret) => `$entry = New-Object DirectoryServices.DirectoryEntry("LDAP://10.0.0.1", "CORP\\svc", "${secret}")\n`,
  ),
  lookAlike(
    'dotnet-credential',
    'src/Mailer.cs',
    'client.Credentials = new NetworkCredential(options.User, options.Password);\n',
  ),
  positive(
    'base64-private-key',
    'k8s/tls.json',
    (secret) => `{ "data": { "key": "${secret}" } }\n`,
    () =>
      Buffer.from(
        generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      ).toString('base64'),
  ),
  lookAlike(
    'base64-private-key',
    'docs/tls.json',
    `{ "key": "${Buffer.from('-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----\n').toString('base64')}" }\n`,
  ),
  positive('cli-password', 'scripts/admin.sh', (secret) => `vault-cli login --username admin --password ${secret}\n`),
  positive(
    'cli-password',
    'docs/curl.md',
    (secret) => `curl --user ${user()}:'${secret}' -X PATCH https://api.example.com\n`,
    generated,
  ),
  positive('cli-password', 'scripts/es.sh', (secret) => `curl -u ":${secret}" https://localhost:9200\n`, generated),
  lookAlike(
    'cli-password',
    'scripts/curl-placeholders.sh',
    'curl -u "xxx:yyy" https://x\ncurl --user neo4j:[PASSWORD] http://host:7474\ncurl -u "$(cat login):$(cat pass)" https://x\ncurl --user user:pass --digest https://x\n',
  ),
  lookAlike(
    'cli-password',
    'scripts/safe.sh',
    'mysql -u root -p app\necho "$TOKEN" | docker login -u ci --password-stdin ghcr.io\ncurl -u "$API_USER:$API_TOKEN" https://api.example.com\ndocker run -u 1000:1000 app\nsshpass -p "$SSHPASS" ssh host\npsql --password --username app\ntool --password=<password>\n',
  ),

  positive(
    'authorization-header',
    'docs/auth.http',
    (encoded) => `GET /v1/me HTTP/1.1\nHost: api.example.com\nAuthorization: Basic ${encoded}\n`,
    () => base64(`${user()}:${humanPassword()}`),
  ),
  positive(
    'authorization-header',
    'scripts/call.sh',
    (secret) => `curl -H "Authorization: Bearer ${secret}" https://api.example.com\n`,
    () => `${randomFrom(alphabets.base64url, 38)}${randomFrom(alphabets.digits, 2)}`,
  ),
  positive(
    'authorization-header',
    'docs/api.md',
    (secret) => `curl -H "Authorization: Token ${secret}" https://api.example.com/v1/\n`,
    () => randomFrom(alphabets.hexLower, 40),
  ),
  positive(
    'authorization-header',
    'scripts/stripe.sh',
    (encoded) => `curl -H 'Authorization: Basic ${encoded}' https://api.example.com\n`,
    () => base64(`key_${generated()}:`),
  ),
  lookAlike(
    'authorization-header',
    'docs/headers.md',
    `Authorization: Basic ${base64('user:password')}\nAuthorization: Bearer \${ACCESS_TOKEN}\nAuthorization: Bearer <token>\nWWW-Authenticate: Basic realm="api"\nAuthorization: Bearer xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n`,
  ),
];

const genericPasswords: SecretSample[] = [
  positive(
    'generic-password',
    'config/database.yml',
    (secret) => `production:\n  adapter: postgresql\n  username: app\n  password: ${secret}\n`,
  ),
  positive(
    'generic-password',
    'config/app.ini',
    (secret) => `[database]\nhost = db\nuser = app\npassword = ${secret}\n`,
  ),
  positive(
    'generic-password',
    'src/main/resources/application.properties',
    (secret) => `spring.datasource.username=app\nspring.datasource.password=${secret}\n`,
  ),
  positive('generic-password', '.env', (secret) => `DB_HOST=db\nDB_PASSWORD=${secret}\n`),
  positive('generic-password', 'config.json', (secret) =>
    JSON.stringify({ smtp: { host: 'mail', user: 'noreply', password: secret } }, null, 2),
  ),
  positive(
    'generic-password',
    'conf/server.xml',
    (secret) => `<datasource>\n  <user>app</user>\n  <password>${secret}</password>\n</datasource>\n`,
  ),
  positive(
    'generic-password',
    'config.toml',
    (secret) => `[redis]\nhost = "cache"\nauth_token = "${secret}"\n`,
    generatedWithDigits,
  ),
  positive(
    'generic-password',
    'docker-compose.yml',
    (secret) => `services:\n  db:\n    environment:\n      - POSTGRES_PASSWORD=${secret}\n`,
  ),
  positive(
    'generic-password',
    'src/seed.ts',
    (secret) => `await createUser({ email: 'admin@example.com', password: '${secret}' });\n`,
  ),
  positive('generic-password', 'app/config.py', (secret) => `SMTP_PASSWORD = "${secret}"\n`),
  // A plain word is a password where the key says so (`DB_PASS=whiteduke`).
  positive(
    'generic-password',
    '.env.local',
    (secret) => `REACT_APP_AUTH_USER=viewer\nREACT_APP_AUTH_PASSWORD=${secret}\n`,
    () => randomFrom(alphabets.lower, 10),
  ),
  positive(
    'generic-password',
    'README.md',
    (secret) => `## Setup\n\nLog in as \`operator\`; the default password is "${secret}".\n`,
  ),
  lookAlike(
    'generic-password',
    'docs/login.md',
    'If the password is "incorrect", sign-in fails.\nThe password is \'${ADMIN_PASSWORD}\' in CI.\nThe password is "password".\n',
  ),
  lookAlike(
    'generic-password',
    'config/login.yml',
    'remember_password: never\nadmin_password: prompt\ndb_password: changeme\nsmtp_password: mypassword\n',
  ),
  // Aligned code: many spaces before the operator.
  positive(
    'generic-password',
    'config/deploy.rb',
    (secret) => `set :db, {\n  :user           => 'app',\n  :password       => '${secret}',\n}\n`,
  ),
  positive(
    'url-query-credential',
    'src/imagery.js',
    (secret) => `fetch('https://api.example.com/planetary/imagery?lat=1.5&api_key=${secret}&date=2024-01-01')\n`,
    issuedToken,
  ),
  positive(
    'url-query-credential',
    'docs/webhooks.md',
    (secret) => `curl "https://hooks.example.com/in?token=${secret}"\n`,
    issuedToken,
  ),
  lookAlike('url-query-credential', 'src/cache.js', "fetch('/api/items?key=user.settings.theme&page=2')\n"),
  lookAlike('url-query-credential', 'docs/api.md', 'GET /v1/search?api_key=YOUR_API_KEY&q=cats\n'),
  positive(
    'generic-password',
    'config/app.yaml',
    (secret) => `oauth:\n  client_secret: '${secret}'\n`,
    generatedWithDigits,
  ),
  positive(
    'generic-password',
    'config/secrets.yml',
    (secret) => `deploy:\n  db_token: |\n    ${secret}\n`,
    generatedWithDigits,
  ),
  positive('generic-password', 'settings.json.txt', (secret) => `"{\\"smtp_password\\": \\"${secret}\\"}"\n`),
  // A double-quoted password may hold an apostrophe; a quoted token may run to hundreds of characters.
  positive(
    'generic-password',
    'config/mail.yaml',
    (secret) => `api:\n  mail_user: "noreply"\n  mail_password: "${secret}"\n`,
    () => `${randomFrom(alphabets.alphanumeric, 6)}'${humanPassword()}`,
  ),
  positive(
    'generic-password',
    'config/app.ini',
    (secret) => `[client]\nservice_token = "${secret}"\n`,
    () => `${issuedToken()}${randomFrom(alphabets.alphanumeric, 376)}`,
  ),
  lookAlike(
    'generic-password',
    'config/help.yaml',
    'hints:\n  password: "it\'s"\n  token: "user\'s"\n  secret: "don\'t"\n',
  ),
  positive('generic-password', 'Makefile', (secret) => `DB_PASSWORD ?= "${secret}"\nAPI_TOKEN += x\n`),
  positive('generic-password', 'cmd/main.go', (secret) => `var dbPassword string = "${secret}"\n`),
  positive('generic-password', 'src/config.php', (secret) => `$dbPassword .= '${secret}';\n`),
  positive('generic-password', 'conf/app.xml', (secret) => `<smtpPassword>\n    ${secret}\n</smtpPassword>\n`),
  positive(
    'generic-password',
    'pkg/client.go',
    (secret) => `passwd = ${secret}\n`,
    () => `${generated()}-_.=${generated()}`,
  ),
  positive(
    'generic-password',
    'config/dev.ini',
    (secret) => `[service]\ntodo_secret_do_not_commit = ${secret}\n`,
    () => `${generatedWithDigits()}${generated()}`,
  ),
  lookAlike(
    'generic-password',
    'config/readme-values.env',
    'DB_PASSWORD=[value]\nsomepwd=XXXXXXXXXXXXXXX\nnotes = "Maven - io.jsonwebtoken:jjwt-jackson-0.11.2"\nPuttyPassword=0\nverdaccio-htpasswd: 13.0.3\nTURBO_TOKEN: tok-secret\n',
  ),
  lookAlike(
    'generic-password',
    'docs/signature.ts.txt',
    'export async function login(credentials: Credentials): Promise<string> {}\n',
  ),
  lookAlike(
    'generic-password',
    'config/app.yaml',
    'auth:\n  publicToken: pk_live_51HqLyjWDarjtT1zdp7dc\n  credentialId: 7f9c2ba4e88f827d61604550\n  tokenType: Bearer\n  token_endpoint: https://auth.example.com/oauth/token\n  passwordPolicy: strong-passwords-only\n  secretName: payments-db-credentials\n  keyId: 8d7f6e5a4b3c2d1e\n  token_url: https://auth.example.com/token\n  secret_path: /run/secrets/db\n  password_file: /etc/app/db.pass\n',
  ),
  lookAlike(
    'generic-password',
    'config/dev.yaml',
    'db:\n  password: changeme\n  admin_password: "********"\n  replica_password: <replica-password>\n  backup_password: ${BACKUP_PASSWORD}\n  legacy_password: "%(legacy_password)s"\n  root_password:\n  token: null\n  secret: true\n  pin_password: 1234\n  token_host: cache.internal:6379\n  api_token: 3f2b8c1e-9d4a-4f6b-8e2a-7c5d1b9a0e4f\n',
  ),
  lookAlike(
    'generic-password',
    'config/app.env',
    'DB_PASSWORD=\nAPI_TOKEN=$API_TOKEN\nSECRET=${SECRET:-}\nSMTP_PASSWORD=/run/secrets/smtp_password\nCLIENT_SECRET=your-client-secret-here\n',
  ),
  lookAlike(
    'generic-password',
    'src/locales/en.json',
    JSON.stringify(
      { login: { password: 'Password', forgotPassword: 'Forgot your password?', token: 'Token', secret: 'Secret' } },
      null,
      2,
    ),
  ),
  lookAlike(
    'generic-password',
    'src/auth.ts',
    'interface Credentials {\n  username: string;\n  password: string;\n}\nconst options = { password: getPassword(), token: process.env.API_TOKEN, secret: config.secret };\nconst db = { password: os.environ["DB_PASSWORD"] };\nconst ci = { token: secrets.NPM_TOKEN };\n',
  ),
  lookAlike(
    'generic-password',
    'app/settings.py',
    'DB_PASSWORD = os.environ["DB_PASSWORD"]\nAPI_TOKEN: str = Field(default="")\nsecret_key: Optional[str] = None\npassword = input("Password: ")\n',
  ),
  // Under a token key, what a machine did not issue: characters no token alphabet has, no digit, a host name.
  drawnLookAlike(
    'generic-password',
    'config/app.yaml',
    () => `api_token: "${randomFrom(alphabets.alphanumeric, 12)}%c^${randomFrom(alphabets.alphanumeric, 12)}"\n`,
  ),
  drawnLookAlike(
    'generic-password',
    'src/client.ts',
    () => `const apiSecret = "${randomFrom(alphabets.alphanumeric, 10)}?${randomFrom(alphabets.alphanumeric, 14)}";\n`,
  ),
  lookAlike('generic-password', 'src/headers.go', 'const contentTypeToken string = "Content-Type"\n'),
  drawnLookAlike(
    'generic-password',
    'config.ini',
    () => `secret = ${randomFrom(alphabets.hexLower, 6)}.invoices.example.com\n`,
  ),
  // The name says the value is made up; a placeholder word with digits appended.
  drawnLookAlike(
    'generic-password',
    'token_test.go',
    () => `nonMatchingToken := "${randomFrom(alphabets.alphanumeric, 16)}"\n`,
  ),
  drawnLookAlike(
    'generic-password',
    'fixtures.py',
    () => `fake_api_key = "${randomFrom(alphabets.alphanumeric, 24)}"\n`,
  ),
  lookAlike('generic-password', 'config/db.properties', 'password=secret123\n'),
  // A vendor's format is the vendor's to judge: a `ghp_` token cut short is no GitHub token, nor a generic one.
  drawnLookAlike(
    'generic-password',
    'config.json',
    () => `{ "github_token": "ghp_${randomFrom(alphabets.alphanumeric, 20)}" }\n`,
  ),
  // Typed, not drawn: interleaved counting, a chunk written twice.
  lookAlike('generic-password', '.env', 'SECRET_KEY=1a2b3C4d-5E6f-7g8H-9i0J-k1l2M3n4o5p6\n'),
  drawnLookAlike('generic-password', '.env', () => {
    const chunk = randomFrom(alphabets.alphanumeric, 12);
    return `XAI_TOKEN=${chunk}${randomFrom(alphabets.alphanumeric, 8)}${chunk}\n`;
  }),
  // Filled in by blocks (`…AAAABBBBCCCC…`): typed over a real value's shape, under a password key and a token key.
  drawnLookAlike(
    'generic-password',
    'config/app.properties',
    () =>
      `db.password=${randomFrom(alphabets.alphanumeric, 10)}AAAABBBBCCCC${randomFrom(alphabets.alphanumeric, 10)}\n`,
  ),
  drawnLookAlike(
    'generic-password',
    'config/salesforce.yaml',
    () =>
      `refresh_token: ${randomFrom(alphabets.alphanumeric, 16)}AAAABBBBCCCC${randomFrom(alphabets.alphanumeric, 24)}BBBBEEEE\n`,
  ),
  lookAlike(
    'generic-password',
    'package-lock.json',
    JSON.stringify(
      {
        packages: {
          'node_modules/token-stream': {
            version: '1.0.0',
            integrity:
              'sha512-VSsyNPPW74RpHwR8Fc21uubwHY7wMDeJLys2IX5zJNih+OnAnaifKHo+1LHT7DAdloQ7apOaaWXFUQ0FiLnqbhg==',
          },
        },
      },
      null,
      2,
    ),
  ),
];

const requestHeadersAndKeys: SecretSample[] = [
  positive(
    'cli-password',
    'scripts/search.sh',
    (secret) => `curl -u "${secret}:" https://search.internal.test:9200/_cat/indices\n`,
    () => `${generatedWithDigits()}${generated()}`,
  ),
  lookAlike('cli-password', 'scripts/search.sh', 'curl -u "elastic:" https://localhost:9200\n'),
  positive(
    'authorization-header',
    'scripts/call.sh',
    (secret) => `curl -X GET \\\n  -H "X-Api-Key: ${secret}" \\\n  https://api.service.test/v1/items\n`,
    () => randomUUID(),
  ),
  positive(
    'authorization-header',
    'scripts/call.sh',
    (secret) => `curl --header 'Authorization: ${secret}' https://api.service.test/\n`,
    () => `${generatedWithDigits()}${generated()}`,
  ),
  lookAlike(
    'authorization-header',
    'scripts/call.sh',
    'curl -H "apikey: $API_KEY" -H "Accept: application/json" https://api.service.test/\n',
  ),
  positive(
    'django-settings',
    'deploy/app.env',
    (secret) => `DJANGO_SECRET_KEY='${secret}'\n`,
    () => `django-insecure-${randomFrom(`${alphabets.lower}${alphabets.digits}!@#$^&*(-_=+)`, 50)}`,
  ),
];

export const structuredSamples: readonly SecretSample[] = [
  ...requestHeadersAndKeys,
  ...kubernetes,
  ...netrcAndFriends,
  ...urlsAndCommandLines,
  ...genericPasswords,
];
