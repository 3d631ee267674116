// lth-repro: the Overview's verdicts by claim, each claim a link to its page in the report (lth.report.FrontPage).
// The lines are written before `allure generate`; the links are found here because Allure gives each case a new
// random uid per report: a claim's page is its case (FRONT's caseName, else its first) in the Behaviors tree,
// #behaviors/<story uid>/<case uid>, which opens the claim's node with that case's page beside it.
(function () {
    'use strict';
    var FRONT = /*LTH_FRONT_PAGE_DATA*/null;
    var tree = null;

    // A report file: from the single-file report's embedded data (base64), else from the site's data/ folder.
    function read(name) {
        if (!window.reportData) return fetch(name).then(function (r) { return r.json(); });
        return new Promise(function (resolve, reject) {
            (function wait() {
                if (window.reportDataReady === false) return setTimeout(wait, 30);
                var b64 = window.reportData[name];
                if (!b64) return reject(new Error(name + ' is not in the report'));
                var bytes = Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
                resolve(JSON.parse(new TextDecoder().decode(bytes)));
            })();
        });
    }

    function find(node, test) {
        if (test(node)) return node;
        var kids = node.children || [];
        for (var i = 0; i < kids.length; i++) {
            var found = find(kids[i], test);
            if (found) return found;
        }
        return null;
    }

    function pageOf(behaviors, part) {
        var claim = find(behaviors, function (n) { return n.children && (n.name + ' ').indexOf(part.claim + ' ') === 0; });
        if (!claim) return '#behaviors';
        var leaf = find(claim, function (n) { return !n.children && n.name === part.caseName; })
            || find(claim, function (n) { return !n.children; });
        return leaf ? '#behaviors/' + leaf.parentUid + '/' + leaf.uid : '#behaviors/' + claim.uid;
    }

    function render(view) {
        var box = document.createElement('div'), links = [];
        box.className = 'lth-front';
        FRONT.lines.forEach(function (line) {
            var div = box.appendChild(document.createElement('div'));
            line.forEach(function (part) {
                if (!part.claim) return div.appendChild(document.createTextNode(part.text));
                var a = div.appendChild(document.createElement('a'));
                a.className = 'lth-front__claim';
                a.href = '#behaviors';
                a.title = part.title;
                var id = a.appendChild(document.createElement('span'));    // the claim id looks like a link, the line is one
                id.className = 'lth-front__id';
                id.textContent = part.claim;
                a.appendChild(document.createTextNode(part.text.substring(part.claim.length)));
                a.setAttribute('data-claim', part.claim);
                links.push([a, part]);
            });
        });
        var last = box.appendChild(document.createElement('div')), all = document.createElement('a');
        last.appendChild(document.createTextNode('A claim opens its cases in Behaviors. Every case on one page: '));
        all.href = 'claims.html';
        all.textContent = 'claims.html';
        last.appendChild(all);
        view.appendChild(box);
        (tree = tree || read('data/behaviors.json')).then(function (behaviors) {
            links.forEach(function (l) { l[0].href = pageOf(behaviors, l[1]); });
            box.setAttribute('data-linked', 'yes');
        }, function (e) {
            box.setAttribute('data-linked', 'no: ' + e);
        });
    }

    // Allure draws (and redraws) the summary widget: the lines go under its title and count whenever they are missing.
    function attach() {
        var view = document.querySelector('[data-id="summary"] .widget__body > div');
        if (FRONT && view && view.querySelector('.widget__title') && !view.querySelector('.lth-front')) render(view);
    }

    new MutationObserver(attach).observe(document.documentElement, { childList: true, subtree: true });
})();
