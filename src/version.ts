/** Tool name and version (a meta-test keeps the version equal to package.json). */
export const TOOL_NAME = 'dsaudit';
export const TOOL_VERSION = '0.1.0';
