export function writeBlueprintCopies(sourceDir: string, intoDir: string, count: number): string[];
