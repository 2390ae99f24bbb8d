/**
 * Model inference built-ins for {@code map_batches}: {@code torch_model} runs a TorchScript file through DJL's PyTorch
 * engine, {@code sentence_embedding} runs all-MiniLM-L6-v2 through ONNX Runtime with a Hugging Face tokenizer. Both
 * are {@link dev.pipetune.engine.udf.BatchFunctionClass}es: one model per actor, placed on the actor's GPU, with as
 * many intra-op threads as the step's {@code num_cpus}, and nothing downloaded at run time.
 */
package dev.pipetune.engine.inference;
