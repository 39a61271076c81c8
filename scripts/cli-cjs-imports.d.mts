/** Starts every output file of the CLI build: the `require` esbuild's require() of a package calls. */
export declare const REQUIRE_BANNER: string;
/** The package name of a bare specifier: `@noble/hashes/sha3` -> `@noble/hashes`. */
export declare function packageName(specifier: string): string;
/** Whether Node loads `specifier`, imported from `root`, as CommonJS. */
export declare function isCommonJsImport(specifier: string, root: string): boolean;
/** The esbuild plugin that turns imports of CommonJS packages into require() calls. */
export declare function cjsViaRequire(root: string): { name: string; setup(build: unknown): void };
