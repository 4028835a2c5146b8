package dev.quarry.spark;

import ai.djl.Device;

import dev.quarry.engine.errors.InvalidInputException;

import java.util.Map;

import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

import scala.jdk.javaapi.CollectionConverters;

/**
 * The device a task runs its model on: the GPU Spark's resource scheduling assigned to it ({@code
 * spark.task.resource.gpu.amount} with a discovery script on the executors), otherwise the CPU.
 */
final class ExecutorDevice {

    private ExecutorDevice() {}

    /** @return the current task's device */
    static Device current() {
        TaskContext task = TaskContext.get();
        return task == null ? Device.cpu() : of(CollectionConverters.asJava(task.resources()));
    }

    /**
     * The device for a task's resources.
     *
     * @param resources the task's resources by name
     * @return the first GPU assigned, or the CPU
     */
    static Device of(Map<String, ResourceInformation> resources) {
        ResourceInformation gpus = resources.get("gpu");
        if (gpus == null || gpus.addresses().length == 0) {
            return Device.cpu();
        }
        try {
            return Device.gpu(Integer.parseInt(gpus.addresses()[0].trim()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Spark assigned the GPU '" + gpus.addresses()[0] + "', which is not a device "
                    + "index; make the executors' GPU discovery script report indices (0, 1, ...).", null, e);
        }
    }
}
