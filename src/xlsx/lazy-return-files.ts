/**
 * The returns port for the task pane and the playground, loading the file shell's returns code only
 * when a return is made or merged, so the pane's first load stays small.
 */
import type { ReturnFiles } from "../core/planning/return-files";

const load = () => import("./return-files").then((m) => m.createReturnFiles());

export const lazyReturnFiles: ReturnFiles = {
  returnBytes: async (leadReturn) => (await load()).returnBytes(leadReturn),
  readReturned: async (bytes, file) => (await load()).readReturned(bytes, file),
};
