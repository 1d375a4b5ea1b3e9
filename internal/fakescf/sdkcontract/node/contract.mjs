// Contract test of scf-fake against the official Tencent Cloud Node.js SDK
// (tencentcloud-sdk-nodejs-scf on tencentcloud-sdk-nodejs-common), used the
// way an application would use it: the SDK's own Client class, pointed at
// the fake through profile.httpProfile.endpoint and protocol "http://".
//
// node_test.go runs it against a fake it starts itself. Environment:
//   SCF_ENDPOINT          host:port of the fake, e.g. 127.0.0.1:40123
//   SCF_SECRET_ID/KEY     a credential the fake accepts
//   SCF_NODE_SDK_MODULES  the node_modules folder that make node-sdk filled
//   SCF_ZIP_V1, SCF_ZIP_V2  two code packages (zip files)
//   SCF_EXPECT_THROTTLED  RequestLimitExceeded answers queued before the run
//
// It prints one summary line and exits 0, or prints the failed check and
// exits 1. Secrets are never printed.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
}

const endpoint = env("SCF_ENDPOINT");
const secretId = env("SCF_SECRET_ID");
const secretKey = env("SCF_SECRET_KEY");
const modules = env("SCF_NODE_SDK_MODULES");
const zipV1 = readFileSync(env("SCF_ZIP_V1"));
const zipV2 = readFileSync(env("SCF_ZIP_V2"));
const expectThrottled = Number(process.env.SCF_EXPECT_THROTTLED || "0");

// The SDK lives in .cache, not next to this file, so it is loaded from
// there explicitly rather than through a bare ESM import.
const require = createRequire(path.join(modules, "contract-loader.cjs"));
const { scf } = require("tencentcloud-sdk-nodejs-scf");
const scfVersion = require("tencentcloud-sdk-nodejs-scf/package.json").version;
const commonVersion = require("tencentcloud-sdk-nodejs-common/package.json").version;

const REGION = "ap-guangzhou";
const POLL_MS = 100;
const WAIT_MS = 30_000;
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function newClient({ key = secretKey, id = secretId, reqMethod = "POST" } = {}) {
  return new scf.v20180416.Client({
    credential: { secretId: id, secretKey: key },
    region: REGION,
    profile: { httpProfile: { endpoint, protocol: "http://", reqMethod, reqTimeout: 15 } },
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let throttled = 0;

// send calls one SDK method, retrying RequestLimitExceeded with exponential
// backoff and jitter as a well-behaved client does.
async function send(client, action, params) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client[action](params);
    } catch (e) {
      if (e.code !== "RequestLimitExceeded" || attempt >= 8) throw e;
      throttled++;
      await sleep(Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2));
    }
  }
}

async function expectCode(promise, code, what) {
  await assert.rejects(promise, (e) => {
    const want = code instanceof RegExp ? code : new RegExp(`^${code.replaceAll(".", "\\.")}$`);
    assert.match(String(e.code), want, `${what}: got ${e.code}: ${e.message}`);
    assert.match(e.requestId, REQUEST_ID, `${what}: the error carries no RequestId`);
    return true;
  });
}

// waitStatus polls GetFunction until the function reaches want, allowing
// only the transitional statuses on the way.
async function waitStatus(client, name, ns, want, transitional) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const fn = await send(client, "GetFunction", { FunctionName: name, Namespace: ns });
    if (fn.Status === want) return fn;
    assert.ok(transitional.includes(fn.Status), `${name}: unexpected status ${fn.Status} while waiting for ${want}`);
    assert.ok(Date.now() < deadline, `${name}: still ${fn.Status} after ${WAIT_MS} ms`);
    await sleep(POLL_MS);
  }
}

// waitGone polls GetFunction until the function is reported missing.
async function waitGone(client, name, ns) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    let fn;
    try {
      fn = await send(client, "GetFunction", { FunctionName: name, Namespace: ns });
    } catch (e) {
      assert.equal(e.code, "ResourceNotFound.Function", `${name}: ${e.message}`);
      return;
    }
    assert.equal(fn.Status, "Deleting", `${name}: unexpected status after DeleteFunction`);
    assert.ok(Date.now() < deadline, `${name}: still Deleting after ${WAIT_MS} ms`);
    await sleep(POLL_MS);
  }
}

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

const api = newClient();
const NS = "node-sdk-ns";
const FN = "node-sdk-fn";
const b64 = (buf) => buf.toString("base64");

check("a throttled ListFunctions is retried until it succeeds", async () => {
  const out = await send(api, "ListFunctions", {});
  assert.ok(Array.isArray(out.Functions));
  assert.match(out.RequestId, REQUEST_ID);
  assert.ok(throttled >= expectThrottled, `retried ${throttled} throttled calls, expected at least ${expectThrottled}`);
});

check("CreateNamespace, then ListNamespaces shows it", async () => {
  const created = await send(api, "CreateNamespace", { Namespace: NS, Description: "made by the Node.js SDK" });
  assert.match(created.RequestId, REQUEST_ID);
  const { Namespaces } = await send(api, "ListNamespaces", { Limit: 100 });
  const ns = Namespaces.find((n) => n.Name === NS);
  assert.ok(ns, `ListNamespaces lacks ${NS}: ${Namespaces.map((n) => n.Name)}`);
  assert.equal(ns.Description, "made by the Node.js SDK");
  assert.ok(Namespaces.some((n) => n.Name === "default"), "the default namespace is missing");
});

check("CreateNamespace of an existing namespace is refused", async () => {
  await expectCode(send(api, "CreateNamespace", { Namespace: NS }), /^(ResourceInUse|FailedOperation)\.Namespace$/, "CreateNamespace twice");
});

check("CreateFunction with a base64 ZipFile, then wait for Active", async () => {
  const out = await send(api, "CreateFunction", {
    FunctionName: FN,
    Namespace: NS,
    Runtime: "Python3.9",
    Handler: "index.main_handler",
    MemorySize: 256,
    Timeout: 10,
    Description: "v1",
    Environment: { Variables: [{ Key: "GREETING", Value: "hello" }] },
    Code: { ZipFile: b64(zipV1) },
  });
  assert.match(out.RequestId, REQUEST_ID);
  await waitStatus(api, FN, NS, "Active", ["Creating"]);
});

check("GetFunction reads back what was created", async () => {
  const fn = await send(api, "GetFunction", { FunctionName: FN, Namespace: NS });
  assert.equal(fn.FunctionName, FN);
  assert.equal(fn.Namespace, NS);
  assert.equal(fn.Runtime, "Python3.9");
  assert.equal(fn.Handler, "index.main_handler");
  assert.equal(fn.MemorySize, 256);
  assert.equal(fn.Timeout, 10);
  assert.equal(fn.Description, "v1");
  assert.equal(fn.Status, "Active");
  assert.equal(fn.CodeSize, zipV1.length);
  assert.deepEqual(fn.Environment.Variables, [{ Key: "GREETING", Value: "hello" }]);
  assert.ok(fn.FunctionId, "FunctionId is empty");
  assert.match(fn.RequestId, REQUEST_ID);
});

check("CreateFunction of an existing function is refused", async () => {
  await expectCode(
    send(api, "CreateFunction", { FunctionName: FN, Namespace: NS, Runtime: "Python3.9", Code: { ZipFile: b64(zipV1) } }),
    /^ResourceInUse\.Function(Name)?$/,
    "CreateFunction twice",
  );
});

check("UpdateFunctionConfiguration, wait for Active, read back", async () => {
  await send(api, "UpdateFunctionConfiguration", {
    FunctionName: FN,
    Namespace: NS,
    MemorySize: 512,
    Timeout: 20,
    Description: "v2",
    Environment: { Variables: [{ Key: "GREETING", Value: "hi" }, { Key: "LEVEL", Value: "debug" }] },
  });
  const fn = await waitStatus(api, FN, NS, "Active", ["Updating"]);
  assert.equal(fn.MemorySize, 512);
  assert.equal(fn.Timeout, 20);
  assert.equal(fn.Description, "v2");
  assert.deepEqual(fn.Environment.Variables, [{ Key: "GREETING", Value: "hi" }, { Key: "LEVEL", Value: "debug" }]);
  assert.equal(fn.CodeSize, zipV1.length, "a configuration update changed the code");
});

check("UpdateFunctionCode, wait for Active, read back", async () => {
  await send(api, "UpdateFunctionCode", {
    FunctionName: FN,
    Namespace: NS,
    Handler: "index.main_handler",
    Code: { ZipFile: b64(zipV2) },
  });
  const fn = await waitStatus(api, FN, NS, "Active", ["Updating"]);
  assert.equal(fn.CodeSize, zipV2.length);
  assert.equal(fn.MemorySize, 512, "a code update changed the configuration");
  assert.equal(fn.Description, "v2");
});

check("ListFunctions finds the function by namespace and search key", async () => {
  const all = await send(api, "ListFunctions", { Namespace: NS, Limit: 20 });
  assert.equal(all.TotalCount, 1);
  assert.deepEqual(all.Functions.map((f) => f.FunctionName), [FN]);
  const searched = await send(api, "ListFunctions", { Namespace: NS, SearchKey: "node-sdk" });
  assert.equal(searched.TotalCount, 1);
  const none = await send(api, "ListFunctions", { Namespace: NS, SearchKey: "no-such-function" });
  assert.equal(none.TotalCount, 0);
});

// reqMethod GET makes the SDK flatten the parameters into the query string
// and sign that instead of a JSON body.
const viaGet = newClient({ reqMethod: "GET" });

check("GET: GetFunction and ListFunctions with a filter", async () => {
  const fn = await send(viaGet, "GetFunction", { FunctionName: FN, Namespace: NS });
  assert.equal(fn.MemorySize, 512);
  assert.equal(fn.CodeSize, zipV2.length);
  const list = await send(viaGet, "ListFunctions", {
    Namespace: NS,
    Filters: [{ Name: "Runtime", Values: ["Python3.9"] }],
  });
  assert.deepEqual(list.Functions.map((f) => f.FunctionName), [FN]);
});

check("GET: CreateFunction with nested parameters, then DeleteFunction", async () => {
  const name = "node-sdk-get";
  await send(viaGet, "CreateFunction", {
    FunctionName: name,
    Namespace: NS,
    Runtime: "Python3.9",
    MemorySize: 128,
    Description: "flattened, with spaces",
    Environment: { Variables: [{ Key: "A", Value: "1 2" }, { Key: "B", Value: "x=y&z" }] },
    Code: { ZipFile: b64(zipV1) },
  });
  const fn = await waitStatus(viaGet, name, NS, "Active", ["Creating"]);
  assert.equal(fn.Description, "flattened, with spaces");
  assert.deepEqual(fn.Environment.Variables, [{ Key: "A", Value: "1 2" }, { Key: "B", Value: "x=y&z" }]);
  await send(viaGet, "DeleteFunction", { FunctionName: name, Namespace: NS });
  await waitGone(viaGet, name, NS);
});

const invalid = [
  ["FunctionName starting with a digit", { FunctionName: "1-bad" }, "InvalidParameterValue.FunctionName"],
  ["FunctionName ending with a hyphen", { FunctionName: "bad-" }, "InvalidParameterValue.FunctionName"],
  ["MemorySize not a step of 128", { MemorySize: 100 }, "InvalidParameterValue.MemorySize"],
  ["MemorySize above 3072", { MemorySize: 4096 }, "LimitExceeded.Memory"],
  ["Timeout above 900", { Timeout: 901 }, "LimitExceeded.Timeout"],
  ["unknown Runtime", { Runtime: "Cobol85" }, "InvalidParameterValue.Runtime"],
  ["no Code", { Code: undefined }, "MissingParameter.Code"],
  ["ZipFile that is not base64", { Code: { ZipFile: "not base64!" } }, "InvalidParameterValue.ZipFile"],
  ["ZipFile that is not a zip", { Code: { ZipFile: b64(Buffer.from("plain text")) } }, "InvalidParameterValue.ZipFile"],
  ["missing namespace", { Namespace: "no-such-ns" }, "ResourceNotFound.Namespace"],
  ["unknown parameter", { Bogus: 1 }, "UnknownParameter"],
];
for (const [what, override, code] of invalid) {
  check(`CreateFunction with ${what} answers ${code}`, async () => {
    const params = { FunctionName: "node-sdk-invalid", Runtime: "Python3.9", Code: { ZipFile: b64(zipV1) }, ...override };
    for (const [k, v] of Object.entries(params)) if (v === undefined) delete params[k];
    await expectCode(send(api, "CreateFunction", params), code, what);
  });
}

check("a wrong secret key answers AuthFailure.SignatureFailure", async () => {
  await expectCode(send(newClient({ key: `${secretKey}-wrong` }), "ListFunctions", {}), "AuthFailure.SignatureFailure", "wrong key");
});

check("an unknown SecretId answers AuthFailure.SecretIdNotFound", async () => {
  await expectCode(send(newClient({ id: "AKIDnobodyKnowsThisOne" }), "ListFunctions", {}), "AuthFailure.SecretIdNotFound", "unknown id");
});

check("an unknown action answers InvalidAction", async () => {
  await expectCode(api.request("DescribeNothingAtAll", {}), "InvalidAction", "unknown action");
});

check("DeleteFunction, then GetFunction answers ResourceNotFound.Function", async () => {
  await send(api, "DeleteFunction", { FunctionName: FN, Namespace: NS });
  await waitGone(api, FN, NS);
  await expectCode(send(api, "GetFunction", { FunctionName: FN, Namespace: NS }), "ResourceNotFound.Function", "GetFunction after delete");
  await expectCode(send(api, "DeleteFunction", { FunctionName: FN, Namespace: NS }), "ResourceNotFound.Function", "DeleteFunction twice");
});

check("DeleteNamespace, then ListNamespaces no longer shows it", async () => {
  await send(api, "DeleteNamespace", { Namespace: NS });
  const { Namespaces } = await send(api, "ListNamespaces", { Limit: 100 });
  assert.ok(!Namespaces.some((n) => n.Name === NS), `${NS} is still listed`);
  await expectCode(send(api, "DeleteNamespace", { Namespace: NS }), "ResourceNotFound.Namespace", "DeleteNamespace twice");
});

const started = Date.now();
for (const { name, fn } of checks) {
  try {
    await fn();
  } catch (e) {
    console.error(`node-sdk contract: FAILED: ${name}`);
    const code = e && e.code && !(e instanceof assert.AssertionError) ? `${e.code}: ` : "";
    console.error(code + (e instanceof assert.AssertionError ? e.message : e.stack || String(e)));
    process.exit(1);
  }
}
console.log(
  `node-sdk contract: ${checks.length} checks passed in ${Date.now() - started} ms ` +
    `(tencentcloud-sdk-nodejs-scf ${scfVersion}, tencentcloud-sdk-nodejs-common ${commonVersion}; ` +
    `${throttled} throttled calls retried)`,
);
