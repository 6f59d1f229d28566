/** Implementation details shared between packages. Not API: may change in any release. */
package dev.sessiongan.internal;
