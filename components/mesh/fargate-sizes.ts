/**
 * Task sizes that Fargate accepts. Any other CPU/memory pair is refused by ECS when the task
 * definition is registered, long after a preview said everything was fine; checking here turns
 * that into an error at the start of the program.
 */

export interface FargateSize {
    /** CPU units (1024 = 1 vCPU). */
    readonly cpu: number;
    /** Memory in MiB. */
    readonly memory: number;
}

/** Per CPU value: the memory range (MiB) and its step, as AWS documents them for Fargate (Linux). */
const MEMORY_RANGES: readonly { cpu: number; min: number; max: number; step: number }[] = [
    { cpu: 256, min: 512, max: 2048, step: 512 },
    { cpu: 512, min: 1024, max: 4096, step: 1024 },
    { cpu: 1024, min: 2048, max: 8192, step: 1024 },
    { cpu: 2048, min: 4096, max: 16384, step: 1024 },
    { cpu: 4096, min: 8192, max: 30720, step: 1024 },
    { cpu: 8192, min: 16384, max: 61440, step: 4096 },
    { cpu: 16384, min: 32768, max: 122880, step: 8192 },
];

/** The CPU values Fargate accepts, ascending. */
export const FARGATE_CPU_VALUES: readonly number[] = MEMORY_RANGES.map((r) => r.cpu);

/** Memory values (MiB) that Fargate accepts with `cpu`, ascending; empty for an unknown CPU value. */
export function fargateMemoryValues(cpu: number): number[] {
    const range = MEMORY_RANGES.find((r) => r.cpu === cpu);
    if (!range) {
        return [];
    }
    // 256 CPU is the one irregular row: 512, 1024 and 2048 MiB (no 1536).
    if (cpu === 256) {
        return [512, 1024, 2048];
    }
    const values: number[] = [];
    for (let m = range.min; m <= range.max; m += range.step) {
        values.push(m);
    }
    return values;
}

/** Every valid pair, ordered by CPU then memory. */
export const FARGATE_SIZES: readonly FargateSize[] = FARGATE_CPU_VALUES.flatMap((cpu) => fargateMemoryValues(cpu).map((memory) => ({ cpu, memory })));

export function isValidFargateSize(cpu: number, memory: number): boolean {
    return fargateMemoryValues(cpu).includes(memory);
}

/** Why a pair is refused (naming what would be accepted), or undefined when it is valid. */
export function fargateSizeProblem(cpu: number, memory: number): string | undefined {
    const memories = fargateMemoryValues(cpu);
    if (memories.length === 0) {
        return `cpu ${cpu} is not a Fargate CPU value; accepted: ${FARGATE_CPU_VALUES.join(", ")}`;
    }
    if (!memories.includes(memory)) {
        return `memory ${memory} MiB is not valid with cpu ${cpu}; accepted with cpu ${cpu}: ${memories.join(", ")} MiB`;
    }
    return undefined;
}

/**
 * The cheapest valid pair that gives at least `cpu` units and `memory` MiB (cost grows with both,
 * so the smallest CPU row that fits, then the smallest memory in it). Throws when nothing fits.
 */
export function smallestFargateSize(cpu: number, memory: number): FargateSize {
    const fit = FARGATE_SIZES.find((s) => s.cpu >= cpu && s.memory >= memory);
    if (!fit) {
        throw new Error(`no Fargate size gives ${cpu} CPU units and ${memory} MiB; the largest is 16384 CPU / 122880 MiB`);
    }
    return fit;
}
