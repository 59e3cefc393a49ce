/** Word lists for realistic seeded names. */
export const GIVEN_NAMES = [
  'Ava', 'Liam', 'Olivia', 'Noah', 'Emma', 'Mateo', 'Sophia', 'Elijah', 'Isabella', 'Lucas', 'Mia', 'Mason',
  'Amelia', 'Ethan', 'Harper', 'Aiden', 'Evelyn', 'Jayden', 'Abigail', 'Diego', 'Emily', 'Caleb', 'Ella', 'Owen',
  'Aaliyah', 'Wyatt', 'Camila', 'Isaac', 'Zoe', 'Gabriel', 'Layla', 'Julian', 'Nora', 'Santiago', 'Riley', 'Leo',
  'Priya', 'Hiroshi', 'Fatima', 'Omar', 'Mei', 'Kwame', 'Anika', 'Tariq', 'Sofia', 'Dmitri', 'Lucia', 'Kai',
] as const;

export const FAMILY_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker',
  'Young', 'Allen', 'King', 'Wright', 'Scott', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker',
  'Patel', 'Kim', 'Okafor', 'Yamamoto', 'Kowalski', 'Haddad', 'Singh', "O'Brien", 'Mensah', 'Ivanova', 'Chen',
] as const;

export const SCHOOL_NAMES = [
  'Lincoln High School', 'Washington Middle School', 'Jefferson High School', 'Madison Middle School',
  'Riverside High School', 'Oak Grove Middle School', 'Lakeview High School', 'Cedar Park Middle School',
] as const;

export interface SubjectTemplate {
  title: string;
  subject: string;
  code: string;
}

export const SUBJECTS: readonly SubjectTemplate[] = [
  { title: 'Algebra I', subject: 'Mathematics', code: 'MATH' },
  { title: 'Geometry', subject: 'Mathematics', code: 'GEOM' },
  { title: 'Biology', subject: 'Science', code: 'BIO' },
  { title: 'Chemistry', subject: 'Science', code: 'CHEM' },
  { title: 'English Language Arts', subject: 'English', code: 'ELA' },
  { title: 'World History', subject: 'Social Studies', code: 'HIST' },
  { title: 'Spanish I', subject: 'World Languages', code: 'SPAN' },
  { title: 'Visual Arts', subject: 'Arts', code: 'ART' },
  { title: 'Physical Education', subject: 'Physical Education', code: 'PE' },
  { title: 'Computer Science Principles', subject: 'Computer Science', code: 'CS' },
];

export const CATEGORY_TEMPLATES: readonly { key: string; title: string; weight: number }[] = [
  { key: 'assignments', title: 'Assignments', weight: 40 },
  { key: 'tests', title: 'Tests', weight: 40 },
  { key: 'homework', title: 'Homework', weight: 20 },
];

export const GRADES = ['06', '07', '08', '09', '10', '11', '12'] as const;
