// Package sdkcontract holds contract tests that drive scf-fake with the
// official Tencent Cloud SDKs of other languages, so that the fake accepts
// every request form a real SDK produces. The SDKs are installed into the
// git-ignored .cache by the Makefile (make node-sdk); node/ pins them.
package sdkcontract
