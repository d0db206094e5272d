/*
 * Chinese company names are translated, not transliterated, on Western
 * lists: 华为技术有限公司 is "Huawei Technologies Co., Ltd.", not "Hua Wei
 * Ji Shu". This glossary of common business words in pinyin gives a second
 * rendering in which those words are replaced by their English equivalents,
 * so the proper-name part (Huawei) and the business words both can match.
 */
#ifndef CT_GLOSSARY_H
#define CT_GLOSSARY_H

#include "util/buf.h"

/* Writes rendering with glossary words translated to out; returns 1 if any word was, 0 if not. */
int ct_translate_pinyin(const char *rendering, cu_buf *out);

#endif
