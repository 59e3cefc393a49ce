/** Store records -> Classroom API JSON (undefined fields drop out; false `late` is omitted like Google does). */
import type { EmCourse, EmCourseWork, EmSubmission, EmUser } from './types.js';

export function courseJson(course: EmCourse): Record<string, unknown> {
  return {
    id: course.id, name: course.name, section: course.section, descriptionHeading: course.descriptionHeading,
    description: course.description, room: course.room, ownerId: course.ownerId, creationTime: course.creationTime,
    updateTime: course.updateTime, enrollmentCode: course.enrollmentCode, courseState: course.courseState,
    alternateLink: `https://classroom.google.com/c/${course.id}`, guardiansEnabled: false,
    gradebookSettings: {
      calculationType: course.gradeCategories.length > 0 ? 'WEIGHTED_CATEGORIES' : 'TOTAL_POINTS',
      displaySetting: 'SHOW_OVERALL_GRADE',
      gradeCategories: course.gradeCategories.length > 0 ? course.gradeCategories : undefined,
    },
  };
}

export function courseWorkJson(work: EmCourseWork): Record<string, unknown> {
  return {
    courseId: work.courseId, id: work.id, title: work.title, description: work.description, state: work.state,
    alternateLink: `https://classroom.google.com/c/${work.courseId}/a/${work.id}`, creationTime: work.creationTime,
    updateTime: work.updateTime, dueDate: work.dueDate, dueTime: work.dueTime, maxPoints: work.maxPoints, workType: 'ASSIGNMENT',
    assigneeMode: 'ALL_STUDENTS', submissionModificationMode: 'MODIFIABLE_UNTIL_TURNED_IN', gradeCategory: work.gradeCategory,
    gradingPeriodId: work.gradingPeriodId,
  };
}

export function submissionJson(s: EmSubmission): Record<string, unknown> {
  return {
    courseId: s.courseId, courseWorkId: s.courseWorkId, id: s.id, userId: s.userId, creationTime: s.creationTime,
    updateTime: s.updateTime, state: s.state, late: s.late ? true : undefined, draftGrade: s.draftGrade, assignedGrade: s.assignedGrade,
    alternateLink: `https://classroom.google.com/c/${s.courseId}/a/${s.courseWorkId}/submissions/by-status/and-sort-first-name/student/${s.userId}`,
    courseWorkType: 'ASSIGNMENT',
  };
}

export function profileJson(user: EmUser, withEmail: boolean): Record<string, unknown> {
  return {
    id: user.id,
    name: { givenName: user.givenName, familyName: user.familyName, fullName: `${user.givenName} ${user.familyName}` },
    emailAddress: withEmail ? user.email : undefined,
  };
}

export function memberJson(courseId: string, user: EmUser, withEmail: boolean): Record<string, unknown> {
  return { courseId, userId: user.id, profile: profileJson(user, withEmail) };
}
