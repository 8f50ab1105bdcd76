/* Decision helper: reads the questions, rules and texts the page carries as
   JSON (rendered from data/decision-helper.yaml by hooks/data_tables.py) and
   evaluates them exactly as hooks/datalib/decision.py does:
   every rule whose conditions all hold counts one for its outcome; the outcome
   with most counts wins; equal top counts, or none, give the tie outcome. */
(function () {
  "use strict";

  function holds(condition, answer) {
    if (answer === undefined || answer === null) return false;
    if (typeof condition === "object") {
      if ("at_most" in condition) return answer <= condition.at_most;
      return answer > condition.more_than;
    }
    return answer === condition;
  }

  function evaluate(data, answers) {
    var verdicts = {};
    data.decisions.forEach(function (decision) {
      var counts = {};
      decision.outcomes.forEach(function (o) { counts[o.id] = 0; });
      var fired = data.rules.filter(function (rule) {
        return rule.decision === decision.id && Object.keys(rule.when).every(function (q) {
          return holds(rule.when[q], answers[q]);
        });
      });
      fired.forEach(function (rule) { counts[rule.outcome] += 1; });
      var best = Math.max.apply(null, Object.values(counts));
      var leaders = Object.keys(counts).filter(function (id) { return counts[id] === best; });
      var outcome = best > 0 && leaders.length === 1 ? leaders[0] : decision.tie;
      verdicts[decision.id] = { outcome: outcome, counts: counts, rules: fired };
    });
    return verdicts;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text) {
    var a = element("a", "", text);
    a.href = href;
    return a;
  }

  function readAnswers(form, labels) {
    var answers = {};
    var valid = true;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.type === "number") {
        var error = document.getElementById(field.id + "-error");
        var ok = /^\d+$/.test(field.value.trim());
        field.setAttribute("aria-invalid", ok ? "false" : "true");
        error.hidden = ok;
        if (ok) answers[field.name] = parseInt(field.value, 10);
        else if (valid) { valid = false; field.focus(); }
      } else if (field.type === "radio" && field.checked) {
        answers[field.name] = field.value;
      }
    });
    return valid ? answers : null;
  }

  function show(root, data, verdicts) {
    var box = root.querySelector(".decision-helper__verdicts");
    box.replaceChildren();
    data.decisions.forEach(function (decision) {
      var verdict = verdicts[decision.id];
      var outcome = decision.outcomes.filter(function (o) { return o.id === verdict.outcome; })[0];
      var part = element("div", "decision-helper__verdict");
      part.setAttribute("data-decision", decision.id);
      part.setAttribute("data-outcome", outcome.id);
      part.appendChild(element("h3", "", decision.label));
      var summary = element("p");
      summary.appendChild(element("strong", "decision-helper__outcome", outcome.label));
      summary.appendChild(document.createTextNode(" " + outcome.summary + " "));
      summary.appendChild(link(outcome.href, data.labels.read_more));
      part.appendChild(summary);
      if (verdict.rules.length) {
        part.appendChild(element("p", "decision-helper__why", data.labels.reasons));
        var list = element("ul");
        verdict.rules.forEach(function (rule) {
          var item = element("li", "", rule.reason + " ");
          item.setAttribute("data-rule", rule.id);
          item.appendChild(link(rule.href, data.labels.read_more));
          list.appendChild(item);
        });
        part.appendChild(list);
      }
      box.appendChild(part);
    });
    var result = root.querySelector(".decision-helper__result");
    result.hidden = false;
    result.querySelector("h2").focus();
  }

  function setUp(root) {
    var data = JSON.parse(root.querySelector(".decision-helper__data").textContent);
    var form = root.querySelector("form");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = readAnswers(form, data.labels);
      if (answers) show(root, data, evaluate(data, answers));
    });
  }

  // Exposed for the tests, which check it agrees with the Python evaluation.
  window.decisionHelper = { evaluate: evaluate };
  Array.prototype.forEach.call(document.querySelectorAll("[data-decision-helper]"), setUp);
})();
