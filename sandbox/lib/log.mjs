// The sandbox's default progress line.

/** @param {string} message */
export const sandboxLog = (message) => console.log(`[sandbox] ${message}`);
