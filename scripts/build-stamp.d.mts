export declare const BUILD_STAMP: string;
export declare function sourceDigest(root: string): string;
export declare const buildStamp: (root: string) => string;
export declare function buildIsCurrent(root: string): boolean;
