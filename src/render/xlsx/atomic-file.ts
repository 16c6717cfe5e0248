/**
 * Writing a file so that no failure, kill or power cut leaves half of it: the bytes go to a
 * temporary file beside the target, which is synced and renamed over it. What the old file was
 * is kept where the system allows — its permissions (a 0600 workbook of patient rows stays
 * 0600), its owner and group, a symbolic link (the file it points at is replaced, the link
 * stays) — and what cannot be kept is said (another hard link keeps the earlier file). A path
 * that is not a regular file (a named pipe, a device, a socket) is never replaced.
 *
 * Temporary names carry the host, the process id and a random part, and are at most 255 bytes
 * however long the target's name; a run removes only temporary files that are provably stale —
 * made on this host by a process that no longer runs — never another machine's on a shared
 * folder.
 */
import { randomBytes } from "crypto";
import { createWriteStream, promises as fs, type Stats } from "fs";
import * as os from "os";
import * as path from "path";
import type { Writable } from "stream";
import { finished } from "stream/promises";

export interface AtomicWriteOptions {
  /** Told when the temporary file appears (true) and is gone (false), so a signal handler can
   *  remove it if the process is stopped in between. */
  onTemp?: (tmp: string, exists: boolean) => void;
  /** Told, one sentence each, what of the file being replaced could not be kept. */
  onNote?: (sentence: string) => void;
}

/** An error with the code writeProblem reads (src/cli/environment.ts). */
function coded(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/** What a path that is not a regular file is, in a user's words; undefined for a regular file. */
export function notAFile(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return "a folder";
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

// ---- temporary names ------------------------------------------------------------------------

const NAME_MAX = 255;
/** ~host~pid~random.tmp after the target's (possibly shortened) name. */
const TEMP_TAIL = /~([A-Za-z0-9-]{1,32})~(\d{1,10})~([0-9a-f]{12})\.tmp$/;

/** This machine's name as it goes into a temp name: letters, digits and hyphens. */
export function hostTag(): string {
  return (os.hostname().replace(/[^A-Za-z0-9-]/g, "-").slice(0, 32) || "host").replace(/^-+$/, "host");
}

/** `.name~host~pid~random.tmp` beside `file`, the name shortened (on a character boundary) so
 *  the whole stays within 255 bytes. */
export function tempNameFor(file: string, pid = process.pid, random = randomBytes(6).toString("hex")): string {
  const tail = `~${hostTag()}~${pid}~${random}.tmp`;
  let stem = path.basename(file);
  while (Buffer.byteLength(`.${stem}${tail}`) > NAME_MAX) stem = Array.from(stem).slice(0, -1).join("");
  return path.join(path.dirname(file), `.${stem}${tail}`);
}

/** True while a process with this id exists here (EPERM: it does, under another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temporary files in `dir` left by runs killed mid-write (SIGKILL, a crash, power
 * loss) on this host: a dying process cannot remove its own. Another host's files are left
 * alone — its process may be alive, and this machine cannot tell. Best effort, never fatal.
 */
export async function sweepStaleTemps(dir: string): Promise<void> {
  const host = hostTag();
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(".")) continue;
    const m = TEMP_TAIL.exec(name);
    if (!m || m[1] !== host) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || processAlive(pid)) continue;
    await fs.rm(path.join(dir, name), { force: true }).catch(() => undefined);
  }
}

// ---- the write ------------------------------------------------------------------------------

async function statOrNull(p: string, follow = true): Promise<Stats | null> {
  try {
    return follow ? await fs.stat(p) : await fs.lstat(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/** The path to replace: `file`, or the file a symbolic link there points at (so the link stays). */
async function targetOf(file: string): Promise<string> {
  const link = await statOrNull(file, false);
  if (!link?.isSymbolicLink()) return file;
  try {
    return await fs.realpath(file);
  } catch {
    // A link to nothing yet: write where it points, as the shell's `>` would.
    return path.resolve(path.dirname(file), await fs.readlink(file));
  }
}

/** Gives the new file the old one's permissions and, where allowed, its owner; says what could not be kept. */
async function keepWhatItWas(tmp: string, old: Stats, shown: string, note: (s: string) => void): Promise<void> {
  const mine = await fs.stat(tmp);
  if (mine.uid !== old.uid || mine.gid !== old.gid) {
    try {
      await fs.chown(tmp, old.uid, old.gid);
    } catch {
      const groupKept = await fs.chown(tmp, mine.uid, old.gid).then(
        () => true,
        () => false
      );
      if (mine.uid !== old.uid) {
        note(`${shown} belonged to user ${old.uid}${groupKept ? "" : ` (group ${old.gid})`}; the new workbook belongs to you, since only an administrator can give a file to someone else`);
      } else if (!groupKept) note(`${shown} belonged to group ${old.gid}; the new workbook has your group, since you are not in that one`);
    }
  }
  // After chown, which clears set-id bits.
  await fs.chmod(tmp, old.mode & 0o7777);
  if (old.nlink > 1) {
    const others = old.nlink - 1;
    note(`${shown} had ${others} other hard ${others === 1 ? "link" : "links"} to the same file; ${others === 1 ? "it keeps" : "they keep"} the earlier workbook, since ClinPay writes a new file and renames it into place (so a failure never leaves half a workbook): copy the new one there, or link it again`);
  }
}

/**
 * Writes `file` through `write` (which must end the stream it is given), atomically. Errors keep
 * their Node codes (ENOSPC, EACCES…) for the caller to put in words; a target that is not a
 * regular file is refused with code ENOTFILE, and a temporary file removed by someone else
 * mid-write with code ETEMPGONE.
 */
export async function writeFileAtomically(file: string, write: (out: Writable) => Promise<void>, opts: AtomicWriteOptions = {}): Promise<void> {
  const target = await targetOf(file);
  const old = await statOrNull(target);
  const kind = old && notAFile(old);
  if (kind) throw coded("ENOTFILE", `${file} is ${kind}`);
  await sweepStaleTemps(path.dirname(target));
  const tmp = tempNameFor(target);
  opts.onTemp?.(tmp, true);
  try {
    // Owner-only until the old file's permissions are copied: never readable by more people than the file it replaces.
    const handle = await fs.open(tmp, "wx", old ? 0o600 : 0o666);
    try {
      // On the bare descriptor, so the handle outlives the stream and the bytes can be synced
      // before the rename (a stream made by handle.createWriteStream keeps close() waiting).
      const out = createWriteStream("", { fd: handle.fd, autoClose: false });
      try {
        await write(out);
      } catch (err) {
        // Ended, never destroyed: destroy closes the descriptor under the handle, and a write
        // still in flight could then land in whatever file reuses its number.
        out.end();
        await finished(out).catch(() => undefined);
        throw err;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (old) await keepWhatItWas(tmp, old, file, opts.onNote ?? (() => undefined));
    await fs.rename(tmp, target).catch(async (e: NodeJS.ErrnoException) => {
      const gone = e.code === "ENOENT" && (await statOrNull(path.dirname(target)))?.isDirectory();
      throw gone ? coded("ETEMPGONE", `${tmp} was removed while it was written`) : e;
    });
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  } finally {
    opts.onTemp?.(tmp, false);
  }
}
