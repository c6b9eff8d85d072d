/** A driver that stores each volume as a sparse file in a directory and reads capacity from its file system. */
package io.basalt.volume.driver.file;
