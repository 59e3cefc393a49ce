/**
 * The sandbox's clock: real time shifted by an offset, so tests can travel in time (access-record
 * validity, token expiry) while time keeps moving.
 */
export interface Clock {
  now(): Date;
  /** Moves the clock so that now() returns `date` at this instant; null goes back to real time. */
  set(date: Date | null): void;
  /** The clock's current UTC date as YYYY-MM-DD. */
  today(): string;
  isShifted(): boolean;
}

export function createClock(): Clock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    set(date) {
      offset = date === null ? 0 : date.getTime() - Date.now();
    },
    today() {
      return new Date(Date.now() + offset).toISOString().slice(0, 10);
    },
    isShifted: () => offset !== 0,
  };
}
