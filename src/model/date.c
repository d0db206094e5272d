#include "model/date.h"

#include <stdio.h>
#include <string.h>

#include "util/strutil.h"

int cm_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

static int valid_ymd(int y, int m, int d)
{
	if (y < 1 || y > 9999)
		return 0;
	if (m == 0)
		return d == 0;
	if (m < 1 || m > 12)
		return 0;
	return d == 0 || (d >= 1 && d <= cm_days_in_month(y, m));
}

void cm_date_set(cordon_date *d, int year, int month, int day)
{
	memset(d, 0, sizeof(*d));
	d->year = d->end_year = (int16_t)year;
	if (month == 0) {
		d->precision = CORDON_DATE_YEAR;
		d->month = 1;
		d->day = 1;
		d->end_month = 12;
		d->end_day = 31;
	} else if (day == 0) {
		d->precision = CORDON_DATE_MONTH;
		d->month = d->end_month = (int8_t)month;
		d->day = 1;
		d->end_day = (int8_t)cm_days_in_month(year, month);
	} else {
		d->precision = CORDON_DATE_DAY;
		d->month = d->end_month = (int8_t)month;
		d->day = d->end_day = (int8_t)day;
	}
}

void cm_date_set_year_range(cordon_date *d, int from_year, int to_year)
{
	cm_date_set(d, from_year, 0, 0);
	d->end_year = (int16_t)to_year;
	d->precision = from_year == to_year ? CORDON_DATE_YEAR : CORDON_DATE_RANGE;
}

void cm_date_set_text(cordon_date *d, const char *text)
{
	memset(d, 0, sizeof(*d));
	d->precision = CORDON_DATE_TEXT;
	d->text = text;
}

/* Reads exactly n digits at *p; advances it. */
static int digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		char c = (*p)[i];
		if (c < '0' || c > '9')
			return 0;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*out = v;
	return 1;
}

int cm_date_parse_iso(const char *s, cordon_date *out)
{
	const char *p = s;
	int y, m = 0, d = 0;
	while (*p == ' ')
		p++;
	if (!digits(&p, 4, &y))
		return CORDON_EPARSE;
	if (*p == '-' && digits(&(const char *){p + 1}, 2, &m)) {
		p += 3;
		if (*p == '-') {
			if (!digits(&(const char *){p + 1}, 2, &d))
				return CORDON_EPARSE;
			p += 3;
		}
	}
	if (*p && *p != 'T' && *p != ' ' && *p != '+' && *p != 'Z' && !(*p == '-' && d))
		return CORDON_EPARSE;
	if (!valid_ymd(y, m, d))
		return CORDON_EPARSE;
	cm_date_set(out, y, m, d);
	out->text = s;
	return 0;
}

static int month_from_name(const char *s, size_t len)
{
	static const char *names[] = {"jan", "feb", "mar", "apr", "may", "jun",
	                              "jul", "aug", "sep", "oct", "nov", "dec"};
	if (len < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if (cu_ascii_ncasecmp(s, names[i], 3) == 0)
			return i + 1;
	return 0;
}

/* One OFAC date without "circa"/"to": "10 Dec 1948", "Sep 1938", "1946". */
static int parse_ofac_single(const char *s, size_t len, int *y, int *m, int *d)
{
	char tmp[32];
	if (len >= sizeof(tmp))
		return 0;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	const char *p = tmp;
	*m = *d = 0;
	if (len == 4)
		return digits(&p, 4, y) && valid_ymd(*y, 0, 0);
	if (len == 8 && tmp[3] == ' ') { /* Mon YYYY */
		*m = month_from_name(tmp, 3);
		p = tmp + 4;
		return *m && digits(&p, 4, y) && valid_ymd(*y, *m, 0);
	}
	if (len == 11 && tmp[2] == ' ' && tmp[6] == ' ') { /* DD Mon YYYY */
		if (!digits(&p, 2, d))
			return 0;
		*m = month_from_name(tmp + 3, 3);
		p = tmp + 7;
		return *m && digits(&p, 4, y) && valid_ymd(*y, *m, *d);
	}
	return 0;
}

int cm_date_parse_ofac(const char *s, cordon_date *out)
{
	const char *p = s;
	int circa = 0;
	while (*p == ' ')
		p++;
	if (cu_starts_with_ci(p, "circa ")) {
		circa = 1;
		p += 6;
	}
	size_t len = strlen(p);
	while (len && (p[len - 1] == ' ' || p[len - 1] == '.'))
		len--;
	const char *to = NULL;
	for (size_t i = 0; i + 4 <= len; i++)
		if (memcmp(p + i, " to ", 4) == 0)
			to = p + i;
	int y1, m1, d1, y2, m2, d2;
	if (to) {
		if (!parse_ofac_single(p, (size_t)(to - p), &y1, &m1, &d1) ||
		    !parse_ofac_single(to + 4, len - (size_t)(to + 4 - p), &y2, &m2, &d2))
			return CORDON_EPARSE;
	} else if (len == 9 && p[4] == '-') { /* circa 1979-1982 */
		if (!parse_ofac_single(p, 4, &y1, &m1, &d1) || !parse_ofac_single(p + 5, 4, &y2, &m2, &d2))
			return CORDON_EPARSE;
	} else {
		if (!parse_ofac_single(p, len, &y1, &m1, &d1))
			return CORDON_EPARSE;
		cm_date_set(out, y1, m1, d1);
		out->circa = circa;
		out->text = s;
		return 0;
	}
	if (y2 < y1)
		return CORDON_EPARSE;
	cordon_date end;
	cm_date_set(out, y1, m1, d1);
	cm_date_set(&end, y2, m2, d2);
	out->precision = CORDON_DATE_RANGE;
	out->end_year = end.end_year;
	out->end_month = end.end_month;
	out->end_day = end.end_day;
	out->circa = circa;
	out->text = s;
	return 0;
}

int cm_date_parse_slashed(const char *s, int month_first, cordon_date *out)
{
	const char *p = s;
	int a, b, y;
	while (*p == ' ')
		p++;
	if (!digits(&p, 2, &a) || *p++ != '/' || !digits(&p, 2, &b) || *p++ != '/' || !digits(&p, 4, &y))
		return CORDON_EPARSE;
	while (*p == ' ')
		p++;
	if (*p)
		return CORDON_EPARSE;
	int m = month_first ? a : b, d = month_first ? b : a;
	if (m == 0)
		d = 0; /* "00/00/1970": only the year is known */
	if (!valid_ymd(y, m, d))
		return CORDON_EPARSE;
	cm_date_set(out, y, m, d);
	out->text = s;
	return 0;
}

void cm_date_format(const cordon_date *d, char *buf, unsigned long size)
{
	const char *c = d->circa ? "~" : "";
	switch (d->precision) {
	case CORDON_DATE_DAY:
		snprintf(buf, size, "%s%04d-%02d-%02d", c, d->year, d->month, d->day);
		break;
	case CORDON_DATE_MONTH:
		snprintf(buf, size, "%s%04d-%02d", c, d->year, d->month);
		break;
	case CORDON_DATE_YEAR:
		snprintf(buf, size, "%s%04d", c, d->year);
		break;
	case CORDON_DATE_RANGE:
		snprintf(buf, size, "%s%04d-%02d-%02d..%04d-%02d-%02d", c, d->year, d->month, d->day, d->end_year,
		         d->end_month, d->end_day);
		break;
	default:
		snprintf(buf, size, "%s", d->text ? d->text : "");
	}
}
