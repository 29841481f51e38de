// Types of the parts of image-steps.mjs the repository's tests use.
export type Instruction = { keyword: string; args: string };
export type Stage = { name: string; base: string; steps: Instruction[] };
export function parseDockerfile(text: string): Instruction[];
export function stagesOf(instructions: Instruction[]): Stage[];
export function parseCopy(argsText: string): { flags: Record<string, string>; sources: string[]; dest: string };
