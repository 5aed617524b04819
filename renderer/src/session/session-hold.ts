/**
 * Work the citizen waits for without touching the screen (a document being printed): while any is
 * held, the idle countdown does not run and the core is told the session is in use.
 */
let held = 0;

/** Holds the session until the returned function is called (once). */
export function holdSession(): () => void {
  held++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held--;
  };
}

export function sessionHeld(): boolean {
  return held > 0;
}
