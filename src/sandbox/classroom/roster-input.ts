/** What seeding takes from the SIS side: classes with their members' emails, categories and periods. */
export interface RosterGradingPeriod {
  sourcedId: string;
  title: string;
  /** YYYY-MM-DD */
  startDate: string;
  endDate: string;
}

export interface RosterCategory {
  title: string;
  /** Percent of the overall grade (40 = 40%). */
  weight?: number;
}

export interface RosterClassInput {
  sourcedId: string;
  title: string;
  classCode?: string;
  location?: string;
  /** The primary teacher first: it becomes the course owner. */
  teacherEmails: string[];
  studentEmails: string[];
  categories: (string | RosterCategory)[];
  gradingPeriods: RosterGradingPeriod[];
}

export interface RosterUserInput {
  email: string;
  givenName?: string;
  familyName?: string;
}

export interface ClassroomRosterInput {
  classes: RosterClassInput[];
  /** Names by email; users only named here (not in a class) are created too. */
  users?: RosterUserInput[];
}

export interface ClassroomSeedOptions {
  /** Published courseWork items per course. Default 6. */
  courseWorkPerCourse: number;
  /** Default 'd:'; the alias is prefix + class sourcedId. */
  aliasPrefix: string;
  /** Users only, no courses (for roster import tests). */
  emptyClassroom?: boolean;
  /** Every n-th courseWork has no grade category (0 = never, the default). */
  uncategorizedEvery?: number;
  /** Every n-th course also gets one DRAFT courseWork without submissions (0 = never). Default 4. */
  draftEvery?: number;
  /** creationTime / updateTime of seeded records. Default derived from the first grading period. */
  stamp?: string;
}

export const DEFAULT_SEED_OPTIONS: ClassroomSeedOptions = { courseWorkPerCourse: 6, aliasPrefix: 'd:', draftEvery: 4 };
