import JXModel
