// Follows the Overview's claim links of an Allure report in headless Chromium, as a reader would: every claim on the
// Overview (lth.report.FrontPage's lines) must link to one of its cases, and clicking each CLAIM_ID given must land
// on that claim's page: the Behaviors tree open at the claim's node ("<id> <title>") with one of its cases selected
// and that case's page beside it. Screenshot of each landing: OUT/claim-<id>.png. Called by scripts/check-report
// --front-page.
//
//   node scripts/check-report-links.js BROWSER REPORT_URL OUT_DIR PROFILE_DIR CLAIM_ID...
//
// The browser is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: messages end with a NUL, fd 3
// to the browser, fd 4 back), so it needs no network port and no npm package; Node 18 or later.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const [browser, url, out, profile, ...claims] = process.argv.slice(2);
if (!claims.length) {
    console.error('usage: node check-report-links.js BROWSER REPORT_URL OUT_DIR PROFILE_DIR CLAIM_ID...');
    process.exit(2);
}
const log = fs.openSync(path.join(out, 'chromium.log'), 'a');
const chrome = spawn(browser, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--user-data-dir=' + profile,
    '--window-size=1400,900', '--remote-debugging-pipe', 'about:blank'], { stdio: ['ignore', log, log, 'pipe', 'pipe'] });

const pending = new Map();
let lastId = 0, buffer = '';
chrome.stdio[4].setEncoding('utf8');
chrome.stdio[4].on('data', chunk => {
    buffer += chunk;
    for (let end; (end = buffer.indexOf('\0')) >= 0; buffer = buffer.slice(end + 1)) {
        const msg = JSON.parse(buffer.slice(0, end));
        const call = pending.get(msg.id);
        if (!call) continue;                                   // an event
        pending.delete(msg.id);
        if (msg.error) call.reject(new Error(call.method + ': ' + msg.error.message));
        else call.resolve(msg.result);
    }
});
chrome.on('exit', code => pending.forEach(call => call.reject(new Error('the browser exited (' + code + ')'))));

function send(method, params, sessionId) {
    const id = ++lastId;
    chrome.stdio[3].write(JSON.stringify({ id, method, params: params || {}, sessionId }) + '\0');
    return new Promise((resolve, reject) => pending.set(id, { method, resolve, reject }));
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function main() {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    const page = (method, params) => send(method, params, sessionId);
    const evaluate = async expression => {
        const r = await page('Runtime.evaluate', { expression, returnByValue: true });
        if (r.exceptionDetails) throw new Error(expression + ': ' + r.exceptionDetails.text);
        return r.result.value;
    };
    const until = async (what, expression) => {
        for (const end = Date.now() + 30000; Date.now() < end; await sleep(200)) {
            const value = await evaluate(expression);
            if (value) return value;
        }
        throw new Error('timed out waiting for ' + what);
    };
    await page('Emulation.setDeviceMetricsOverride', { width: 1400, height: 900, deviceScaleFactor: 1, mobile: false });
    await page('Page.navigate', { url });

    const linked = "(document.querySelector('.lth-front[data-linked]') || {getAttribute: () => ''}).getAttribute('data-linked')";
    const state = await until("the Overview's claim lines (lth.report.FrontPage)", linked);
    if (state !== 'yes') throw new Error('the claim links were not resolved: ' + state);
    const links = await evaluate("[...document.querySelectorAll('.lth-front a[data-claim]')]"
        + ".map(a => ({ claim: a.getAttribute('data-claim'), href: a.getAttribute('href') }))");
    const failures = [];
    if (await evaluate("[...document.querySelectorAll('[data-id=\"summary\"] .summary-widget__chart')]"
        + ".some(c => getComputedStyle(c).display !== 'none')")) failures.push("the overview shows Allure's pass-rate donut");
    const toCase = /^#behaviors\/[0-9a-f]+\/[0-9a-f]+$/;
    const astray = links.filter(l => !toCase.test(l.href));
    astray.forEach(l => failures.push(l.claim + ' links to ' + l.href + ', not to one of its cases'));
    console.log('overview: ' + links.length + ' claim links' + (astray.length ? '' : ', each to one of its cases'));

    for (const claim of claims) {
        const link = links.find(l => l.claim === claim);
        if (!link) { failures.push(claim + ' has no link on the Overview'); continue; }
        await evaluate("location.hash = '#'");                 // back to the Overview, as its menu entry does
        await until('the Overview', linked);
        const sel = `.lth-front a[data-claim=${JSON.stringify(claim)}]`;
        const at = await evaluate(`(() => { const a = document.querySelector('${sel}'); a.scrollIntoView({ block: 'center' });
            const r = a.getClientRects()[0], x = r.left + Math.min(r.width / 2, 20), y = r.top + r.height / 2;
            return { x, y, hit: document.elementFromPoint(x, y).closest('a') === a }; })()`);
        if (!at.hit) { failures.push(claim + "'s link is covered by another element"); continue; }
        for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased'])
            await page('Input.dispatchMouseEvent', { type, x: at.x, y: at.y, button: 'left', clickCount: 1 });
        // the case's page beside the tree, the same case selected in the tree, and the groups it sits in
        const landed = await until(claim + "'s page after the click", `(() => {
            const heading = document.querySelector('.test-result__name'), active = document.querySelector('.node__title_active');
            if (location.hash !== ${JSON.stringify(link.href)} || !heading || !active) return null;
            const groups = [];
            for (let n = active.closest('.node').parentElement; n && (n = n.closest('.node')); n = n.parentElement)
                groups.push(n.querySelector(':scope > .node__title .node__name').textContent.trim());
            return { heading: heading.textContent.trim(), selected: active.querySelector('.node__name').textContent.trim(), groups };
        })()`);
        await sleep(500);                                       // the charts of the case page
        const shot = await page('Page.captureScreenshot', { format: 'png' });
        fs.writeFileSync(path.join(out, 'claim-' + claim + '.png'), Buffer.from(shot.data, 'base64'));
        const node = landed.groups.find(g => g.startsWith(claim + ' '));
        const ok = node && landed.selected === landed.heading;
        console.log((ok ? 'link    ' : 'WRONG   ') + claim + ' -> ' + link.href + ': ' + (node || '(no claim node)') + ' > '
            + landed.heading);
        if (!ok) failures.push(claim + "'s link lands on \"" + landed.heading + '" (selected in the tree: "' + landed.selected
            + '", under: ' + landed.groups.join(' < ') + ')');
    }
    return failures;
}

// The browser's own exit before ours, so that the caller can remove its profile.
function finish(code) {
    if (chrome.exitCode !== null || chrome.signalCode !== null) process.exit(code);
    chrome.on('exit', () => process.exit(code));
    chrome.kill();
    setTimeout(() => process.exit(code), 5000);
}

main().then(failures => {
    failures.forEach(f => console.error('check-report: ' + f));
    finish(failures.length ? 1 : 0);
}, e => {
    console.error('check-report: following the claim links failed: ' + e.message);
    finish(1);
});
