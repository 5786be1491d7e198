/**
 * Cleaning up when the process is told to stop: on SIGINT (Ctrl-C), SIGTERM
 * and SIGHUP alike, every registered cleanup runs (a temporary file is
 * removed, the progress line cleared), then the signal is raised again with
 * its default action, so the process ends as killed by that signal (a shell
 * shows 130, 143 or 129) and a caller sees how it stopped.
 *
 * The handlers are installed only while a cleanup is registered, and only in
 * the real process (`main.ts` enables them; in-process tests never touch the
 * process's signals). Node runs a signal handler only when the event loop
 * turns, so a cleanup is registered only around work that awaits I/O (writing
 * a file, reading a stream): during a long synchronous computation the default
 * action stays, and Ctrl-C stops the process at once.
 */

/** The signals that stop the CLI, each handled the same way. */
export const interruptSignals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

const cleanups = new Set<() => void>();
let enabled = false;
let installed = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const cleanup of [...cleanups]) {
    try {
      cleanup();
    } catch {
      // A failed cleanup must not keep the others from running, nor the process alive.
    }
  }
  cleanups.clear();
  uninstall();
  process.kill(process.pid, signal);
}

function install(): void {
  for (const signal of interruptSignals) process.on(signal, onSignal);
  installed = true;
}

function uninstall(): void {
  for (const signal of interruptSignals) process.removeListener(signal, onSignal);
  installed = false;
}

function sync(): void {
  if (enabled && cleanups.size > 0 && !installed) install();
  else if (installed && cleanups.size === 0) uninstall();
}

/** Lets registered cleanups run on a signal (the real process only; called once by `main.ts`). */
export function enableInterruptCleanup(): void {
  enabled = true;
  sync();
}

/**
 * Registers a synchronous cleanup to run if the process is interrupted, and
 * returns the function that unregisters it (call it once the work is done).
 */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  sync();
  return () => {
    cleanups.delete(cleanup);
    sync();
  };
}
