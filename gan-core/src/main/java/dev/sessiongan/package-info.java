/**
 * SessionGAN: learns how shoppers behave from an e-commerce clickstream and generates realistic virtual
 * users. This package holds the few types every user meets, such as {@link dev.sessiongan.InvalidInputException}.
 */
package dev.sessiongan;
