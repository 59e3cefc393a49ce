/**
 * `sislink demo`: the whole flow on one machine. Starts a sandbox SIS on a free port, writes a
 * small district repository pointed at it, and runs validate -> plan -> apply -> plan -> export ->
 * export (no-op) -> audit verify, printing each step as a person would run it.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseDocument } from 'yaml';
import { startSandbox, type SandboxHandle } from '../sandbox/index.js';
import { dateInZone, addDays } from '../util/dates.js';
import { runValidate } from '../config/validate.js';
import { runPlan } from './plan.js';
import { runApply } from './apply.js';
import { runExport } from './export.js';
import { runAuditVerify } from '../audit/verify-command.js';
import { SislinkError } from '../errors.js';

export interface DemoOptions {
  dir?: string;
  now: Date;
  write?: (text: string) => void;
}

const EXAMPLE = fileURLToPath(new URL('../../../examples/oneroster.yaml', import.meta.url));
const EXAMPLE_FROM_SOURCE = fileURLToPath(new URL('../../examples/oneroster.yaml', import.meta.url));

async function exampleText(): Promise<string> {
  return readFile(EXAMPLE, 'utf8').catch(() => readFile(EXAMPLE_FROM_SOURCE, 'utf8'));
}

const STEPS = 7;

interface DemoDistrict {
  name: string;
  target: 'connector' | 'classroom-admin';
  version: '1.1' | '1.2';
  consent: boolean;
}

const DISTRICTS: DemoDistrict[] = [
  { name: 'maple-valley-sd', target: 'connector', version: '1.2', consent: true },
  { name: 'cedar-ridge-usd', target: 'classroom-admin', version: '1.1', consent: false },
];

/** Rewrites the generic OneRoster example so it points at the sandbox. */
function demoDistrictYaml(template: string, district: DemoDistrict, sandbox: SandboxHandle, today: string): string {
  const doc = parseDocument(template);
  doc.setIn(['metadata', 'name'], district.name);
  doc.setIn(['metadata', 'domain'], `${district.name}.sandbox.example.edu`);
  doc.setIn(['spec', 'sis'], doc.createNode({ baseUrl: sandbox.url, oneRosterVersion: district.version, tokenUrl: sandbox.tokenUrl }));
  doc.setIn(['spec', 'link'], doc.createNode({ target: district.target, enabled: true }));
  doc.setIn(['spec', 'consent', 'sisSupport'], district.consent);
  for (const key of ['classroom', 'exports', 'rosterImport']) doc.deleteIn(['spec', key]);
  const exchange = district.target === 'connector';
  doc.setIn(['spec', 'dataExchange'], doc.createNode({ rosterImport: false, gradeExport: exchange }));
  if (exchange) {
    doc.setIn(['spec', 'classroom'], doc.createNode({
      adminSubject: `admin@${district.name}.sandbox.example.edu`,
      serviceAccountKey: 'file:../secrets/classroom-service-account.json',
      apiUrl: sandbox.classroomUrl,
      tokenUrl: sandbox.classroomTokenUrl,
    }));
    doc.setIn(['spec', 'exports'], doc.createNode([{ name: 'nightly-grades', schedule: '0 2 * * *', defaultCategory: 'Assignments' }]));
  }
  doc.setIn(['spec', 'credentials'], doc.createNode({
    records: [{ name: 'Sandbox demo', key: sandbox.clientId, secret: 'file:../secrets/sis-secret', effective: addDays(today, -30), expiration: addDays(today, 335) }],
  }));
  return doc.toString();
}

/** The demo directory is a git repository, as a district's would be (the audit log records commits). */
async function initRepository(dir: string): Promise<void> {
  const git = (...args: string[]) => promisify(execFile)('git', ['-c', 'user.name=sislink demo', '-c', 'user.email=demo@sislink.invalid', ...args], { cwd: dir });
  try {
    await git('init', '-q');
    await git('add', '.');
    await git('commit', '-q', '-m', 'Districts for the sislink demo');
  } catch {
    // Without git the demo still runs; audit events just carry no commit.
  }
}

async function step(write: (text: string) => void, index: number, title: string, command: string, run: () => Promise<number>, expected: number[]): Promise<void> {
  write(`\n=== step ${index}/${STEPS}: ${title}\n$ ${command}\n`);
  const code = await run();
  write(`(exit code ${code})\n`);
  if (!expected.includes(code)) throw new SislinkError('INTERNAL', `demo step "${title}" exited ${code}, expected ${expected.join(' or ')}`);
}

export async function runDemo(options: DemoOptions): Promise<number> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const dir = resolve(options.dir ?? (await mkdtemp(join(tmpdir(), 'sislink-demo-'))));
  const sandbox = await startSandbox({ port: 0, size: 'tiny' });
  try {
    await mkdir(join(dir, 'districts'), { recursive: true });
    await mkdir(join(dir, 'secrets'), { recursive: true, mode: 0o700 });
    await writeFile(join(dir, 'secrets', 'sis-secret'), sandbox.clientSecret, { mode: 0o600 });
    await writeFile(join(dir, 'secrets', 'classroom-service-account.json'), JSON.stringify(sandbox.classroomServiceAccountKey), { mode: 0o600 });
    await writeFile(join(dir, '.gitignore'), 'secrets/\n.sislink/\n');
    const template = await exampleText();
    const today = dateInZone(options.now, 'UTC');
    for (const district of DISTRICTS) {
      await writeFile(join(dir, 'districts', `${district.name}.yaml`), demoDistrictYaml(template, district, sandbox, today));
    }
    await initRepository(dir);
    write(`sislink demo: sandbox SIS at ${sandbox.url}; demo repository in ${dir}\n`);
    const common = { cwd: dir, now: options.now, state: 'sqlite:.sislink/state.db', write };
    await step(write, 1, 'validate the district files', 'sislink validate districts/', () => runValidate({ paths: ['districts'], cwd: dir, format: 'text', checkSecrets: true, write }), [0]);
    await step(write, 2, 'plan: what would change', 'sislink plan districts/ --detailed-exitcode', () => runPlan({ ...common, paths: ['districts'], format: 'text', detailedExitcode: true }), [2]);
    await step(write, 3, 'apply the plan', 'sislink apply districts/ --auto-approve', () => runApply({ ...common, targets: ['districts'], autoApprove: true }), [0]);
    await step(write, 4, 'plan again: nothing left to change', 'sislink plan districts/ --detailed-exitcode', () => runPlan({ ...common, paths: ['districts'], format: 'text', detailedExitcode: true }), [0]);
    const exportRun = () => runExport({ ...common, paths: ['districts'], mode: 'run', format: 'text' });
    await step(write, 5, 'export grades from Classroom to the SIS', 'sislink export run districts/', exportRun, [0]);
    await step(write, 6, 'export again: nothing changed, so nothing is written', 'sislink export run districts/', exportRun, [0]);
    await step(write, 7, 'verify the tamper-evident audit log', 'sislink audit verify .sislink/audit.log', () => runAuditVerify({ file: join(dir, '.sislink', 'audit.log'), write }), [0]);
    write(`\nDone. The classroom-admin district waits for a person: run \`sislink plan\` in ${dir} to see its console steps,\nthen \`sislink attest DISTRICT STEP-ID\` once done.\n`);
    return 0;
  } finally {
    await sandbox.close();
  }
}
