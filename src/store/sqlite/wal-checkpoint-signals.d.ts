export declare const COMMITS: 0;
export declare const STATE: 1;
export declare const BOOTING: 0;
export declare const READY: 1;
export declare const STOPPING: 2;
export declare const STOPPED: 3;
