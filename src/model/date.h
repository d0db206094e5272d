/*
 * Dates as lists publish them, kept with their precision. Each parser fills
 * a cordon_date whose start/end bound the possible days, or returns
 * CORDON_EPARSE; callers then keep the text with precision TEXT.
 */
#ifndef CM_DATE_H
#define CM_DATE_H

#include "cordon/entity.h"

/* "YYYY", "YYYY-MM", "YYYY-MM-DD" (a time or zone suffix is ignored). */
int cm_date_parse_iso(const char *s, cordon_date *out);
/* OFAC remarks: "10 Dec 1948", "1946", "circa 1951", "1951 to 1953", "Sep 1938",
 * "01 Jan 1961 to 31 Dec 1962", "circa 1979-1982", "Mar 1962 to Feb 1963". */
int cm_date_parse_ofac(const char *s, cordon_date *out);
/* "MM/DD/YYYY" (BIS) when month_first, else "DD/MM/YYYY" (UK); 00 parts mean unknown. */
int cm_date_parse_slashed(const char *s, int month_first, cordon_date *out);

/* Builders: a day (month/day may be 0 to mean less precision) and a year range. */
void cm_date_set(cordon_date *d, int year, int month, int day);
void cm_date_set_year_range(cordon_date *d, int from_year, int to_year);
/* A date that only exists as text. */
void cm_date_set_text(cordon_date *d, const char *text);

/* "1961-06-01", "1961-06", "1961", "1951..1953", with "~" prefix for circa; buf >= 32. */
void cm_date_format(const cordon_date *d, char *buf, unsigned long size);

/* Days in a month (Gregorian); 0 for an invalid month. */
int cm_days_in_month(int year, int month);

#endif
