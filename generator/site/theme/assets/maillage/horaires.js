// Opening hours: « Ouvert maintenant · ferme à 17 h », computed in the visitor's browser in Europe/Paris time
// whatever the device's own time zone, and updated every minute.
//
// Each element with a data-horaires attribute holds what the build wrote (generator/contract/schedule.py,
// browser_data): "semaine", per weekday from Monday, intervals [start, end] in minutes after midnight (an end
// beyond 1440 runs into the next day; a third element "?" means maybe open, « sur rendez-vous »);
// "exceptions", [first day, last day, intervals] for dated days (public holidays, closures); "du" and "au",
// the days the data holds for. The element stays hidden, saying nothing, when the hours are not regular, today
// is outside those days, or the place may be open right now: silent rather than wrong.

const ZONE = "Europe/Paris";
const DAY = 1440; // minutes
const MS_PER_DAY = 86400000;
const LOOKAHEAD_DAYS = 14;
const NBSP = "\u00a0";
const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
  "novembre", "décembre"];
const PARIS = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
  hourCycle: "h23",
});

// Today in Paris as the UTC midnight of that date (days then add without any clock change), and the minute.
function parisNow(now) {
  const parts = {};
  for (const part of PARIS.formatToParts(now)) {
    parts[part.type] = Number(part.value);
  }
  return { today: Date.UTC(parts.year, parts.month - 1, parts.day), minute: parts.hour * 60 + parts.minute };
}

function isoDate(day) {
  return new Date(day).toISOString().slice(0, 10);
}

function weekday(day) {
  return (new Date(day).getUTCDay() + 6) % 7; // 0 is Monday
}

function hoursOn(data, day) {
  const iso = isoDate(day);
  for (const [first, last, hours] of data.exceptions) {
    if (first <= iso && iso <= last) {
      return hours;
    }
  }
  return data.semaine[weekday(day)];
}

// The intervals from yesterday evening to the last day ahead the data holds, in minutes from today's midnight,
// merged where they touch; and where that knowledge ends.
function timeline(data, today) {
  const spans = [];
  let known = 0;
  for (let offset = -1; offset <= LOOKAHEAD_DAYS; offset += 1) {
    const day = today + offset * MS_PER_DAY;
    const iso = isoDate(day);
    if (iso < data.du || iso > data.au) {
      continue;
    }
    known = (offset + 1) * DAY;
    for (const [start, end, maybe] of hoursOn(data, day)) {
      spans.push({ start: offset * DAY + start, end: offset * DAY + end, maybe: maybe === "?" });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const merged = [];
  for (const span of spans) {
    const previous = merged[merged.length - 1];
    if (previous && span.start <= previous.end && span.maybe === previous.maybe) {
      previous.end = Math.max(previous.end, span.end);
    } else {
      merged.push({ ...span });
    }
  }
  return { spans: merged, known };
}

function clock(minute) {
  if (minute === 0 || minute === DAY) {
    return "minuit";
  }
  const hours = Math.floor(minute / 60);
  const rest = minute % 60;
  return `${hours}${NBSP}h` + (rest ? `${NBSP}${String(rest).padStart(2, "0")}` : "");
}

// "à 17 h", "demain à 9 h", "lundi à 9 h", "le 3 septembre à 9 h"; a closing at midnight belongs to the day before.
function when(minute, today, closing) {
  let offset = Math.floor(minute / DAY);
  let within = minute - offset * DAY;
  if (closing && within === 0 && offset > 0) {
    offset -= 1;
    within = DAY;
  }
  const time = clock(within);
  if (offset === 0) {
    return `à ${time}`;
  }
  if (offset === 1) {
    return `demain à ${time}`;
  }
  const day = today + offset * MS_PER_DAY;
  if (offset < 7) {
    return `${WEEKDAYS[weekday(day)]} à ${time}`;
  }
  const date = new Date(day);
  const number = date.getUTCDate() === 1 ? "1er" : String(date.getUTCDate());
  return `le ${number} ${MONTHS[date.getUTCMonth()]} à ${time}`;
}

function status(data, now) {
  if (!data || data.regulier !== true) {
    return null;
  }
  const { today, minute } = parisNow(now);
  const iso = isoDate(today);
  if (iso < data.du || iso > data.au) {
    return null;
  }
  const { spans, known } = timeline(data, today);
  const current = spans.find((span) => span.start <= minute && minute < span.end);
  if (current && current.maybe) {
    return null;
  }
  if (current) {
    if (current.end < known) {
      return { state: "ouvert", text: `Ouvert maintenant · ferme ${when(current.end, today, true)}` };
    }
    const always = known === (LOOKAHEAD_DAYS + 1) * DAY && current.start <= minute - DAY;
    return { state: "ouvert", text: always ? `Ouvert maintenant · 24${NBSP}h sur 24` : "Ouvert maintenant" };
  }
  const next = spans.find((span) => span.start > minute && !span.maybe);
  return { state: "ferme", text: "Fermé maintenant" + (next ? ` · ouvre ${when(next.start, today, false)}` : "") };
}

// "9 h – 12 h, 14 h – 17 h", as generator/site/hours.py writes a day (without the contributor's comments).
function dayText(hours) {
  if (!hours.length) {
    return "fermé";
  }
  return hours.map(([start, end, maybe]) => {
    let text = `${clock(start)} – ${clock(end)}`;
    if (start === 0 && end === DAY) {
      text = `24${NBSP}h sur 24`;
    } else if (end > DAY) {
      text = `${clock(start)} – ${clock(end - DAY)} le lendemain`;
    } else if (end === DAY) {
      text = `${clock(start)} – minuit`;
    }
    return maybe === "?" ? `${text} (à confirmer)` : text;
  }).join(", ");
}

// Today in the week table (its row marked « aujourd'hui ») and in the summary: the table's own words (with the
// contributor's comments) on a usual day, the data's on a dated exception (a public holiday, a closure).
function showToday(element, data, now) {
  const week = document.getElementById(element.getAttribute("data-semaine") || "");
  const summary = document.querySelector(`[data-horaires-aujourdhui="${element.getAttribute("data-semaine")}"]`);
  const { today } = parisNow(now);
  const iso = isoDate(today);
  const known = data && data.regulier === true && data.du <= iso && iso <= data.au;
  const day = weekday(today);
  let row = null;
  for (const candidate of week ? week.querySelectorAll("tr[data-jour]") : []) {
    const current = known && Number(candidate.getAttribute("data-jour")) === day;
    candidate.classList.toggle("mj-horaires__aujourdhui", current);
    const mark = candidate.querySelector(".mj-horaires__marque");
    if (current && !mark) {
      const added = document.createElement("span");
      added.className = "mj-horaires__marque";
      added.textContent = " (aujourd'hui)";
      candidate.querySelector("th").append(added);
    } else if (!current && mark) {
      mark.remove();
    }
    if (current) {
      candidate.setAttribute("aria-current", "date");
      row = candidate;
    } else {
      candidate.removeAttribute("aria-current");
    }
  }
  if (!summary) {
    return;
  }
  if (!known) {
    summary.hidden = true;
    return;
  }
  const exception = data.exceptions.some(([first, last]) => first <= iso && iso <= last);
  const cell = row && row.querySelector("td");
  const text = !exception && cell ? cell.textContent : dayText(hoursOn(data, today));
  summary.textContent = `Aujourd'hui, ${WEEKDAYS[day]} : ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  summary.hidden = false;
}

function show(element) {
  let data = null;
  try {
    data = JSON.parse(element.getAttribute("data-horaires"));
  } catch {
    data = null;
  }
  const now = new Date();
  const result = status(data, now);
  if (result) {
    element.textContent = result.text;
    element.setAttribute("data-etat", result.state);
  }
  element.hidden = !result;
  if (element.hasAttribute("data-semaine")) {
    showToday(element, data, now);
  }
}

const elements = document.querySelectorAll("[data-horaires]");
if (elements.length) {
  elements.forEach(show);
  setInterval(() => elements.forEach(show), 60000);
}
