/**
 * The session encoding: the only place that knows tensor layout. Events factorise into small heads (type,
 * category slot, item choice, gap bucket); see {@link dev.sessiongan.encoding.SessionEncoding}.
 */
package dev.sessiongan.encoding;
