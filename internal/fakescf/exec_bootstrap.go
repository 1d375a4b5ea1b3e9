package fakescf

// The bootstraps are passed to the interpreter as one argument (python3 -c,
// node -e), never through a shell. They take the handler's file and function
// and the context as further arguments, read the event from standard input,
// and write one JSON envelope to file descriptor 3, which the fake reads as
// the answer, so that nothing the function prints can pass for its result:
//
//	{"ok": true, "value": <what the handler returned>}
//	{"ok": false, "type": "...", "message": "...", "stack": "..."}
//
// Standard output and standard error stay the function's log.

const pythonBootstrap = `import importlib, json, os, sys, traceback
def _scf_fake_main():
    module_name, function_name, context = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    answer = os.fdopen(3, "w", encoding="utf-8")
    sys.argv = sys.argv[:1]
    try:
        raw = sys.stdin.read()
        event = json.loads(raw) if raw else None
        handler = getattr(importlib.import_module(module_name), function_name)
        value = handler(event, context)
        envelope = json.dumps({"ok": True, "value": value})
    except BaseException as e:
        envelope = json.dumps({"ok": False, "type": type(e).__name__, "message": str(e), "stack": traceback.format_exc()})
    sys.stdout.flush()
    sys.stderr.flush()
    answer.write(envelope)
    answer.close()
_scf_fake_main()
`

const nodeBootstrap = `'use strict';
const fs = require('fs');
const path = require('path');
const [file, fn, contextJSON] = process.argv.slice(1);
let answered = false;
const answer = (envelope) => {
  if (answered) return;
  answered = true;
  fs.writeSync(3, JSON.stringify(envelope));
  fs.closeSync(3);
  process.exit(0);
};
const failed = (e) => answer({
  ok: false,
  type: (e && e.name) || typeof e,
  message: e && e.message !== undefined ? String(e.message) : String(e),
  stack: (e && e.stack) || '',
});
(async () => {
  const raw = fs.readFileSync(0, 'utf8');
  const event = raw ? JSON.parse(raw) : null;
  const context = JSON.parse(contextJSON);
  const handler = require(path.join(process.cwd(), file))[fn];
  if (typeof handler !== 'function') {
    throw new TypeError(file + '.' + fn + ' is not a function');
  }
  const value = await new Promise((resolve, reject) => {
    const returned = handler(event, context, (err, v) => (err ? reject(err) : resolve(v)));
    if (returned && typeof returned.then === 'function') {
      returned.then(resolve, reject);
    } else if (handler.length < 3) {
      resolve(returned);
    }
  });
  let text;
  try {
    text = JSON.stringify(value === undefined ? null : value);
  } catch (e) {
    failed(e);
    return;
  }
  answer({ ok: true, value: JSON.parse(text) });
})().catch(failed);
`
