import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedRoster, makeRosterWorld, roster, rosterText, sisAdmin, type RosterWorld } from './helpers.js';

let world: RosterWorld;
let renamed: string;
let roomless: string;
beforeAll(async () => {
  world = await makeRosterWorld({ removeUnenrolled: true }, 'small');
  const applied = await roster(world, 'apply');
  if (applied.report.outcome !== 'applied') throw new Error(`initial import: ${applied.report.outcome}`);
  [renamed, roomless] = [...expectedRoster(world.sandbox).keys()] as [string, string];
});
afterAll(async () => world.close());

function emCourse(classId: string) {
  return world.sandbox.classroom!.store.resolveCourse(`d:${classId}`)!;
}

describe('roster import: course fields follow the SIS', () => {
  it('plans an update of only the changed fields when a class is renamed and moved, and shows it in the plan', async () => {
    const sisClass = world.sandbox.data.classes.get(renamed)!;
    const [oldTitle, oldRoom] = [sisClass.title, sisClass.location];
    await sisAdmin(world.sandbox, 'update-class', { class: renamed, title: `${oldTitle} (honors)`, location: 'Room 404' });
    // The SIS drops another class's location; its teacher had set a room by hand: that one is kept.
    await sisAdmin(world.sandbox, 'update-class', { class: roomless, location: '' });
    world.sandbox.classroom!.store.putCourse({ ...emCourse(roomless), room: 'Lab 3 (teacher)' });

    const plan = await roster(world, 'plan');
    expect(plan.report.planned).toMatchObject({ 'update-course': 1, total: 1 });
    const text = await rosterText(world, 'plan');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Plan: 0 to create, 1 to update, 0 teacher and 0 student adds');
    expect(text.stdout).toContain(`  course d:${renamed}\n    ~ update course ${emCourse(renamed).id}: ` +
      `name ${JSON.stringify(oldTitle)} -> ${JSON.stringify(`${oldTitle} (honors)`)}, room ${JSON.stringify(oldRoom)} -> "Room 404", ` +
      `descriptionHeading ${JSON.stringify(oldTitle)} -> ${JSON.stringify(`${oldTitle} (honors)`)}\n`);
    expect(text.stdout).not.toContain(`course d:${roomless}`);
  });

  it('applies it with one courses.patch naming only those fields, and leaves the other fields alone', async () => {
    const before = emCourse(renamed);
    world.sandbox.classroom!.admin.clearRequests();
    const applied = await roster(world, 'apply');
    expect(applied.code).toBe(0);
    expect(applied.report.applied).toMatchObject({ failed: 0 });
    expect(applied.report.applied!.applied['update-course']).toBe(1);
    const patches = world.sandbox.classroom!.admin.requests().filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0]!.path).toContain(`/v1/courses/${before.id}`);
    expect(decodeURIComponent(patches[0]!.query)).toBe('updateMask=name,room,descriptionHeading');
    const after = emCourse(renamed);
    expect(after).toMatchObject({ name: `${before.name} (honors)`, room: 'Room 404', descriptionHeading: `${before.name} (honors)` });
    expect(after).toMatchObject({ section: before.section, description: before.description, ownerId: before.ownerId, courseState: 'ACTIVE' });
    expect(emCourse(roomless).room).toBe('Lab 3 (teacher)');
    expect(applied.report.requests.classroomTotal).toBe(applied.report.requests.classroomMinimum);

    const again = await roster(world, 'plan');
    expect(again.report.outcome).toBe('no-changes');
  });

  it('puts field updates and member changes of one course in the same run', async () => {
    await sisAdmin(world.sandbox, 'update-class', { class: roomless, location: 'Room 12' });
    const student = [...world.sandbox.data.enrollments.values()].find((e) => e.classId === roomless && e.role === 'student')!;
    await sisAdmin(world.sandbox, 'remove-enrollment', { enrollment: student.sourcedId });
    const plan = await roster(world, 'plan');
    expect(plan.report.planned).toMatchObject({ 'update-course': 1, 'remove-student': 1, total: 2 });
    const applied = await roster(world, 'apply');
    expect(applied.report.applied!.applied).toMatchObject({ 'update-course': 1, 'remove-student': 1 });
    expect(emCourse(roomless).room).toBe('Room 12');
    expect((await roster(world, 'plan')).report.planned.total).toBe(0);
  });

  it('records a courses.patch that keeps failing, changes nothing, and applies it on the next run', async () => {
    const sisClass = world.sandbox.data.classes.get(renamed)!;
    const before = emCourse(renamed);
    await sisAdmin(world.sandbox, 'update-class', { class: renamed, title: `${sisClass.title} II` });
    // Every attempt of the patch fails (the HTTP core makes 5); the reads around it pass.
    world.sandbox.classroom!.admin.failNext(5, { status: 503, retryAfterSeconds: 0, method: 'PATCH' });
    const failed = await roster(world, 'apply');
    expect(failed.code).toBe(1);
    expect(failed.report.applied).toMatchObject({ failed: 1 });
    expect(failed.report.applied!.failures).toEqual([expect.objectContaining({ kind: 'update-course', alias: `d:${renamed}`, error: expect.stringMatching(/503/) })]);
    expect(emCourse(renamed)).toMatchObject({ name: before.name, descriptionHeading: before.descriptionHeading });

    expect((await roster(world, 'plan')).report.planned).toMatchObject({ 'update-course': 1, total: 1 });
    const retried = await roster(world, 'apply');
    expect(retried.code).toBe(0);
    expect(retried.report.applied).toMatchObject({ failed: 0 });
    expect(emCourse(renamed)).toMatchObject({ name: sisClass.title, descriptionHeading: sisClass.title });
  });
});
