/** Where the duty pages live; the shell's menu and routes use the same constants. */
export const myDutiesPath = '/my-duties';
export const wishesPath = '/roster/wishes';
