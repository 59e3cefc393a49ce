// The built sandbox with an empty Classroom, in its own process so its memory is not counted in
// the roster benchmark. Prints one JSON line with what a client needs, stops on SIGTERM.
import { startSandbox } from '../../dist/src/sandbox/index.js';

const spec = JSON.parse(process.env.ROSTER_SANDBOX ?? '{}');
const sandbox = await startSandbox({
  seed: 7, schools: spec.schools, classes: spec.classes, students: spec.students, now: new Date(spec.now),
  classroom: { emptyClassroom: true },
});
process.stdout.write(`${JSON.stringify({
  url: sandbox.url, tokenUrl: sandbox.tokenUrl, rostering12Url: sandbox.rostering12Url, gradebook12Url: sandbox.gradebook12Url,
  clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, classroomUrl: sandbox.classroomUrl,
  classroomTokenUrl: sandbox.classroomTokenUrl, classroomServiceAccountKey: sandbox.classroomServiceAccountKey,
})}\n`);
process.once('SIGTERM', () => {
  sandbox.close().then(() => process.exit(0), () => process.exit(1));
});
