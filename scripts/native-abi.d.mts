export declare const ABI_SYMBOL_PREFIX: 'node_register_module_v';
export declare const PLATFORMS: readonly NativePlatform[];
export declare const ARCHS: readonly NativeArch[];

export type NativePlatform = 'linux' | 'darwin' | 'win32';
export type NativeArch = 'x64' | 'arm64' | 'ia32' | 'armv7l';

export interface NativeTarget {
  abi: number;
  platform: string;
  arch: string;
}

export type AbiCheck = { ok: true; found: number[] } | { ok: false; found: number[]; reason: string };

export interface NativeOptions {
  platform: NativePlatform;
  arch: NativeArch;
  /** Offline Electron headers: an extracted directory (node-gyp --nodedir) or a .tar.gz (node-gyp --tarball). */
  headers: string | undefined;
  force: boolean;
  check: boolean;
  fromSource: boolean;
}

export declare function readAbis(bytes: Uint8Array): number[];
export declare function checkAbi(bytes: Uint8Array, expected: number): AbiCheck;
export declare function nativeTargetName(target: NativeTarget): string;
export declare function parseNativeArgs(argv: readonly string[], defaults: { platform: string; arch: string }): NativeOptions;
export declare function electronBuildEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined>;
