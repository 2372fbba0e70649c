export declare const SNAPSHOT_STAMP: string;
export declare const snapshotStamp: (root: string) => string;
